using System.Text;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// The runner's default logging: one line per record on standard output, written synchronously.
/// Unlike Microsoft.Extensions.Logging's factory and console provider it needs no dependency
/// injection, options or background thread, so it costs next to nothing at start-up and in a
/// NativeAOT binary, and log lines come out in order with what the application prints itself.
/// To log anywhere else, pass a factory in <see cref="ApplicationOptions.LoggerFactory"/>.
/// </summary>
internal sealed class PlainConsoleLoggerFactory(LogLevel minimumLevel) : ILoggerFactory
{
    private readonly Lock _gate = new();

    public ILogger CreateLogger(string categoryName) => new PlainConsoleLogger(categoryName, this);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException(
            "The default console logging takes no providers. Pass your own ILoggerFactory in ApplicationOptions.LoggerFactory.");

    // Every line is flushed as it is written, so there is nothing left to flush here.
    public void Dispose()
    {
    }

    private void Write(string line)
    {
        lock (_gate)
        {
            // Console.Out flushes every write: lines come out in order with the application's own output.
            Console.Out.Write(line);
        }
    }

    private static string LevelText(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    /// <summary>One record as a line (and the exception's text below it).</summary>
    internal static string FormatLine(LogLevel level, string category, string message, Exception? exception)
    {
        // No timestamp, as in Microsoft.Extensions.Logging's console default and Python's
        // logging.basicConfig: journald, Docker and terminals add their own, and local time would
        // load the time zone database into every application.
        var line = new StringBuilder()
            .Append(LevelText(level)).Append(": ").Append(category).Append(": ")
            .Append(message).AppendLine();
        if (exception is not null)
        {
            line.Append(exception).AppendLine();
        }

        return line.ToString();
    }

    /// <summary>A category's logger; the runtime calls <see cref="Write"/> directly (see <see cref="RuntimeLogger"/>).</summary>
    internal sealed class PlainConsoleLogger(string category, PlainConsoleLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= factory.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                factory.Write(FormatLine(logLevel, category, formatter(state, exception), exception));
            }
        }

        public void Write(LogLevel logLevel, string message, Exception? exception)
        {
            if (IsEnabled(logLevel))
            {
                factory.Write(FormatLine(logLevel, category, message, exception));
            }
        }
    }

    private LogLevel MinimumLevel => minimumLevel;
}
