using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests.Support;

/// <summary>Collects every log record so tests can assert what a user would read in the log.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<LogRecord> _records = new();

    public IReadOnlyList<LogRecord> Records => [.. _records];

    public IEnumerable<string> Messages => Records.Select(r => r.Message);

    /// <summary>Waits, up to <paramref name="timeout"/>, for a record matching <paramref name="match"/> and returns it.</summary>
    public async Task<LogRecord> WaitForAsync(Func<LogRecord, bool> match, TimeSpan timeout)
    {
        using var expiry = new CancellationTokenSource(timeout);
        while (true)
        {
            if (Records.FirstOrDefault(match) is { } found)
            {
                return found;
            }

            try
            {
                await Task.Delay(10, expiry.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching log record within {timeout.TotalSeconds} s. Logged:\n{string.Join("\n", Messages)}");
            }
        }
    }

    public ILoggerFactory CreateFactory() => LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(this));

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _records);

    public void Dispose()
    {
    }

    public sealed record LogRecord(string Category, LogLevel Level, string Message, Exception? Exception)
    {
        /// <summary>What a structured provider sees: the state's key/value pairs, if it has any.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Properties { get; init; } = [];
    }

    private sealed class Logger(string category, ConcurrentQueue<LogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            records.Enqueue(new LogRecord(category, logLevel, formatter(state, exception), exception)
            {
                Properties = state is IReadOnlyList<KeyValuePair<string, object?>> properties ? [.. properties] : [],
            });
    }
}
