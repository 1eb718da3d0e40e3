using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests.Support;

/// <summary>A logging sink that fails on every record, like a full disk or a closed pipe.</summary>
public sealed class ThrowingLoggerFactory : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new ThrowingLogger();

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    public sealed class ThrowingLogger : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            throw new IOException("log sink is full");
    }
}
