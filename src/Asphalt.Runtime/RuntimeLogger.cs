using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asphalt;

/// <summary>
/// Writes the runtime's own log records without calling <see cref="ILogger.Log{TState}"/> unless
/// the application brought its own logging.
/// </summary>
/// <remarks>
/// <see cref="ILogger.Log{TState}"/> is a generic virtual method. One call to it anywhere in a
/// program makes NativeAOT ship its runtime type loader (about 0.2 MB and measurable start-up
/// time), so the runtime writes to its own console logger and to the null logger directly. The
/// call through <see cref="ILogger"/> lives in a delegate that only the public entry points taking
/// a foreign <see cref="ILoggerFactory"/> or <see cref="ILogger"/> install
/// (<see cref="ApplicationOptions.LoggerFactory"/>, the <see cref="Context"/> and
/// <see cref="Signal{TEvent}"/> constructors): an application that never passes one never
/// contains it.
/// </remarks>
internal static class RuntimeLogger
{
    private static Action<ILogger, LogLevel, EventId, string, Exception?>? _forward;

    /// <summary>Writes one record; callers check <see cref="ILogger.IsEnabled"/> first where the message costs anything to build.</summary>
    public static void Write(ILogger logger, LogLevel level, EventId eventId, string message, Exception? exception = null)
    {
        switch (logger)
        {
            case PlainConsoleLoggerFactory.PlainConsoleLogger console:
                console.Write(level, message, exception);
                return;
            case NullLogger:
                return;
        }

        if (Volatile.Read(ref _forward) is { } forward)
        {
            forward(logger, level, eventId, message, exception);
        }
        else if (logger.IsEnabled(level))
        {
            // Unreachable through the public API (every way in installs forwarding); kept so that no
            // record is ever dropped silently.
            Console.Error.Write(PlainConsoleLoggerFactory.FormatLine(level, "Asphalt", message, exception));
        }
    }

    /// <summary>Lets the runtime write to loggers other than its own; called where a foreign one enters.</summary>
    public static void ForwardToForeignLoggers() =>
        Interlocked.CompareExchange(ref _forward, ForwardingWriter.Write, null);

    // The only call of ILogger.Log<TState> in the runtime. The state is a struct, which keeps that
    // instantiation out of shared generic code.
    private static class ForwardingWriter
    {
        private static readonly Func<Message, Exception?, string> FormatMessage = static (message, _) => message.Text;

        public static void Write(ILogger logger, LogLevel level, EventId eventId, string message, Exception? exception) =>
            logger.Log(level, eventId, new Message(message), exception, FormatMessage);
    }

    /// <summary>A record's state: the finished message (what <c>ToString</c> gives providers that ignore the formatter).</summary>
    private readonly struct Message(string text)
    {
        public string Text => text;

        public override string ToString() => text;
    }
}
