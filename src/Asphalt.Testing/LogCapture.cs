using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Asphalt.Testing;

/// <summary>The logging provider behind <see cref="ComponentHarness.Logs"/>: keeps every line with its component path.</summary>
internal sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    // The scope property Asphalt puts the component path in.
    private const string ComponentProperty = "Component";

    private readonly Lock _gate = new();
    private readonly List<CapturedLog> _lines = []; // Under _gate.
    private readonly List<(Func<CapturedLog, bool> Match, TaskCompletionSource<CapturedLog> Found)> _waits = []; // Under _gate.
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Lines
    {
        get
        {
            lock (_gate)
            {
                return [.. _lines];
            }
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public async Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match, TimeSpan timeout)
    {
        var found = new TaskCompletionSource<CapturedLog>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_lines.Find(line => match(line)) is { } already)
            {
                return already;
            }

            _waits.Add((match, found));
        }

        try
        {
            return await found.Task.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waits.RemoveAll(w => w.Found == found);
            }

            throw new TimeoutException(
                $"No matching log line within {timeout.TotalSeconds} s. Logged:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
        }
    }

    public void Dispose()
    {
    }

    private void Add(CapturedLog line)
    {
        lock (_gate)
        {
            _lines.Add(line);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (_waits[i].Match(line))
                {
                    _waits[i].Found.TrySetResult(line);
                    _waits.RemoveAt(i);
                }
            }
        }
    }

    // The innermost component scope: a listener's scope inside a dispatching component's, say.
    private string? CurrentComponent()
    {
        var component = new StrongBox<string?>();
        _scopes.ForEachScope(
            static (scope, found) =>
            {
                if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
                {
                    foreach (var property in properties)
                    {
                        if (property.Key == ComponentProperty && property.Value is string path)
                        {
                            found.Value = path;
                        }
                    }
                }
            },
            component);
        return component.Value;
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => capture._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Add(new CapturedLog(category, logLevel, formatter(state, exception), exception, capture.CurrentComponent()));
    }
}
