using System.Globalization;
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
internal sealed class PlainConsoleLoggerFactory(TextWriter output, LogLevel minimumLevel) : ILoggerFactory
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
            output.Write(line);
            output.Flush();
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

    private sealed class PlainConsoleLogger(string category, PlainConsoleLoggerFactory factory) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= factory.MinimumLevel;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var line = new StringBuilder()
                .Append(DateTime.Now.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)).Append(' ')
                .Append(LevelText(logLevel)).Append(": ").Append(category).Append(": ")
                .Append(formatter(state, exception)).AppendLine();
            if (exception is not null)
            {
                line.Append(exception).AppendLine();
            }

            factory.Write(line.ToString());
        }
    }

    private LogLevel MinimumLevel => minimumLevel;
}
