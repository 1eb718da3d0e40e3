using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests.Support;

/// <summary>
/// Records every log message with the properties of the scopes around it, as a structured provider
/// (JSON console, OpenTelemetry) sees them through the factory's scope provider.
/// </summary>
public sealed class ScopeCapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<(string Message, IReadOnlyList<KeyValuePair<string, object?>> Scopes)> _records = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<(string Message, IReadOnlyList<KeyValuePair<string, object?>> Scopes)> Records => [.. _records];

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    /// <summary>The values of every scope property named <paramref name="name"/> around the one message that starts with <paramref name="message"/>.</summary>
    public IReadOnlyList<object?> ScopeValues(string message, string name) =>
        [.. Records.Single(r => r.Message.StartsWith(message, StringComparison.Ordinal)).Scopes.Where(p => p.Key == name).Select(p => p.Value)];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(ScopeCapturingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, object?>>();
            provider._scopes?.ForEachScope(
                (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object?>> properties)
                    {
                        list.AddRange(properties);
                    }
                },
                scopes);
            provider._records.Enqueue((formatter(state, exception), scopes));
        }
    }
}
