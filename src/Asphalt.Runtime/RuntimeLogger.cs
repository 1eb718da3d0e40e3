using System.Globalization;
using System.Text;
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
    private static Action<ILogger, LogLevel, EventId, string, Exception?, object?[]>? _forward;
    private static Func<ILogger, string, IDisposable?>? _beginScope;

    // The component path of the innermost scope begun here, flowing as the logging scopes do.
    private static readonly AsyncLocal<string?> ScopedPath = new();

    /// <summary>
    /// Writes one record from a message template (<c>"Application stopped (exit code {ExitCode})"</c>)
    /// and one value per <c>{Name}</c>, in order. The console gets the finished text; structured
    /// providers get what <c>[LoggerMessage]</c> would give them: the named values plus
    /// <c>{OriginalFormat}</c>. Nothing is formatted for a disabled level; callers of frequent
    /// debug records check <see cref="ILogger.IsEnabled"/> first to save the array.
    /// </summary>
    public static void Write(ILogger logger, LogLevel level, EventId eventId, string template, Exception? exception = null, params object?[] values)
    {
        if (logger is CommandLine.RedactingLoggerFactory.RedactingLogger redacting)
        {
            if (!redacting.IsEnabled(level))
            {
                return; // Nothing is formatted for a disabled level.
            }

            // Secrets come out here, and the record goes on to the logger underneath: to the console
            // directly, without the generic virtual call that passing through redacting.Log would be.
            logger = redacting.Inner;
            exception = redacting.RedactException(exception);
            values = redacting.RedactValues(values);
        }

        try
        {
            WriteCore(logger, level, eventId, template, exception, values);
        }
        catch (Exception failure)
        {
            // Logging runs inside teardown, signal dispatch and crash handling: a failing sink must not
            // break them, and the record is not lost.
            Console.Error.Write(PlainConsoleLoggerFactory.FormatLine(level, "Asphalt", $"{Format(template, values)} (logging failed: {failure.Message})", exception));
        }
    }

    private static void WriteCore(ILogger logger, LogLevel level, EventId eventId, string template, Exception? exception, object?[] values)
    {
        switch (logger)
        {
            case PlainConsoleLoggerFactory.PlainConsoleLogger console:
                if (console.IsEnabled(level))
                {
                    console.Write(level, Format(template, values), exception);
                }

                return;
            case NullLogger:
                return;
        }

        if (Volatile.Read(ref _forward) is { } forward)
        {
            forward(logger, level, eventId, template, exception, values);
        }
        else if (logger.IsEnabled(level))
        {
            // Unreachable through the public API (every way in installs forwarding); kept so that no
            // record is ever dropped silently.
            Console.Error.Write(PlainConsoleLoggerFactory.FormatLine(level, "Asphalt", Format(template, values), exception));
        }
    }

    /// <summary>Lets the runtime write to loggers other than its own; called where a foreign one enters.</summary>
    public static void ForwardToForeignLoggers()
    {
        Interlocked.CompareExchange(ref _forward, ForwardingWriter.Write, null);
        Interlocked.CompareExchange(ref _beginScope, ComponentScope.Begin, null);
    }

    /// <summary>
    /// Begins a log scope carrying the component path (<c>Component = app/web</c>) on the factory
    /// <paramref name="logger"/> belongs to, so that every record written meanwhile, by any logger of
    /// that factory, carries it (JSON console output with scopes, OpenTelemetry logs, ...). Null, at
    /// no cost, for the runtime's own console and null logging, which have no scopes.
    /// </summary>
    /// <remarks>
    /// A task started from a step inherits the step's scope with its execution context; beginning the
    /// same component's scope again there is skipped, so a line never carries one path twice.
    /// </remarks>
    public static IDisposable? BeginComponentScope(ILogger logger, string path)
    {
        if (!HasScopes(ref logger) || Volatile.Read(ref _beginScope) is not { } begin || ScopedPath.Value == path)
        {
            return null;
        }

        var scope = new ComponentScopeHandle(begin(logger, path), ScopedPath.Value);
        ScopedPath.Value = path;
        return scope;
    }

    /// <summary>Whether <see cref="BeginComponentScope"/> does anything for <paramref name="logger"/>.</summary>
    public static bool HasScopes(ILogger logger) => HasScopes(ref logger) && Volatile.Read(ref _beginScope) is not null;

    private static bool HasScopes(ref ILogger logger)
    {
        if (logger is CommandLine.RedactingLoggerFactory.RedactingLogger redacting)
        {
            logger = redacting.Inner; // A path is made of aliases, never of a secret value.
        }

        return logger is not (PlainConsoleLoggerFactory.PlainConsoleLogger or NullLogger);
    }

    /// <summary>The template with each <c>{Name}</c> replaced by the next value (numbers in the invariant culture).</summary>
    internal static string Format(string template, object?[] values)
    {
        if (values.Length == 0)
        {
            return template;
        }

        var text = new StringBuilder(template.Length + 64);
        var next = 0;
        foreach (var value in values)
        {
            var open = template.IndexOf('{', next);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                break;
            }

            text.Append(template, next, open - next).Append(ToText(value));
            next = close + 1;
        }

        return text.Append(template, next, template.Length - next).ToString();
    }

    // The runtime's values are strings, numbers and resource keys. A call through IFormattable would
    // compile the formatting of every formattable type in the program into it (about 0.2 MB under NativeAOT).
    private static string? ToText(object? value) => value switch
    {
        string text => text,
        int number => number.ToString(CultureInfo.InvariantCulture),
        double number => number.ToString(CultureInfo.InvariantCulture),
        _ => value?.ToString(),
    };

    // The only call of ILogger.Log<TState> in the runtime. The state is a struct, which keeps that
    // instantiation out of shared generic code.
    private static class ForwardingWriter
    {
        private static readonly Func<Message, Exception?, string> FormatMessage = static (message, _) => message.ToString();

        public static void Write(ILogger logger, LogLevel level, EventId eventId, string template, Exception? exception, object?[] values) =>
            logger.Log(level, eventId, new Message(template, values), exception, FormatMessage);
    }

    /// <summary>Ends a component's log scope and restores the path of the one around it.</summary>
    private sealed class ComponentScopeHandle(IDisposable? scope, string? outerPath) : IDisposable
    {
        public void Dispose()
        {
            scope?.Dispose();
            ScopedPath.Value = outerPath;
        }
    }

    /// <summary>
    /// The state of a component's log scope: one property, <c>Component</c>, the component path. The
    /// only call of ILogger.BeginScope&lt;TState&gt; in the runtime, installed with the forwarding
    /// (see the class remarks); a struct, like <see cref="Message"/>.
    /// </summary>
    private readonly struct ComponentScope(string path) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public const string PropertyName = "Component";

        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == 0 ? new(PropertyName, path) : throw new ArgumentOutOfRangeException(nameof(index));

        public static IDisposable? Begin(ILogger logger, string path) => logger.BeginScope(new ComponentScope(path));

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => $"Component: {path}";
    }

    /// <summary>
    /// A record's state: its text (<c>ToString</c>, and what the formatter gives) and, for structured
    /// providers, the template's named values followed by <c>{OriginalFormat}</c>.
    /// </summary>
    private readonly struct Message(string template, object?[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Length + 1;

        public KeyValuePair<string, object?> this[int index] =>
            index == values.Length ? new("{OriginalFormat}", template) : new(NameAt(index), values[index]);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            for (var i = 0; i < Count; i++)
            {
                yield return this[i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => Format(template, values);

        // The index-th {Name} of the template, or the index itself for a value without a hole.
        private string NameAt(int index)
        {
            var open = template.IndexOf('{');
            for (var i = 0; i < index && open >= 0; i++)
            {
                open = template.IndexOf('{', open + 1);
            }

            var close = open < 0 ? -1 : template.IndexOf('}', open);
            return close < 0 ? index.ToString(CultureInfo.InvariantCulture) : template.Substring(open + 1, close - open - 1);
        }
    }
}
