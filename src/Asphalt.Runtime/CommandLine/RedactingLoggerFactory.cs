using Microsoft.Extensions.Logging;

namespace Asphalt.CommandLine;

/// <summary>
/// Wraps the application's logging so that no secret configuration value reaches a log: every
/// message and every logged exception's text has them replaced by <c>***</c>. Installed by
/// <c>run</c> only when the configuration holds secrets.
/// </summary>
internal sealed class RedactingLoggerFactory : ILoggerFactory
{
    private readonly ILoggerFactory inner;
    private readonly Func<string, string> redact;

    public RedactingLoggerFactory(ILoggerFactory inner, Func<string, string> redact)
    {
        this.inner = inner;
        this.redact = redact;
        RuntimeLogger.ForwardToForeignLoggers(); // The runtime's records now pass through a logger of ours that is not the console one.
    }

    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), redact);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to whoever created it.
    }

    private sealed class RedactingLogger(ILogger inner, Func<string, string> redact) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = redact(formatter(state, exception));
            var shown = exception is null ? null : new RedactedException(exception, redact);
            inner.Log(logLevel, eventId, message, shown, static (text, _) => text);
        }
    }

    /// <summary>Stands in for a logged exception: its text with secrets replaced.</summary>
    private sealed class RedactedException(Exception original, Func<string, string> redact) : Exception(redact(original.Message))
    {
        private readonly string _text = redact(original.ToString());

        public override string ToString() => _text;
    }
}
