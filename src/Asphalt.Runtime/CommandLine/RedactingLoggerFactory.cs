using System.Collections;
using System.Globalization;
using Asphalt.Configuration;
using Microsoft.Extensions.Logging;

namespace Asphalt.CommandLine;

/// <summary>
/// Wraps the application's logging so that no secret configuration value reaches a log: every
/// message, every structured value and scope, and every logged exception's text has them replaced
/// by <c>***</c> (see <see cref="SecretRedactor"/> for the forms it finds). Structure is kept: a
/// record's state still lists its named values and <c>{OriginalFormat}</c>, so JSON and other
/// structured providers show them. Installed by <c>run</c> only when the configuration holds secrets.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory inner, SecretRedactor secrets) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName), secrets);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose()
    {
        // The inner factory belongs to whoever created it.
    }

    /// <summary>
    /// A category's logger. The runtime's own records do not pass through <see cref="Log{TState}"/>:
    /// <see cref="RuntimeLogger"/> redacts them with <see cref="RedactValues"/> and
    /// <see cref="RedactException"/> and writes to <see cref="Inner"/> itself, so that the console
    /// path stays free of generic virtual calls.
    /// </summary>
    internal sealed class RedactingLogger(ILogger inner, SecretRedactor secrets) : ILogger
    {
        public ILogger Inner => inner;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => state switch
            {
                IEnumerable<KeyValuePair<string, object?>> properties =>
                    inner.BeginScope(new RedactedState(properties, secrets.Redact(state.ToString() ?? ""), this)),
                string text => inner.BeginScope(secrets.Redact(text)),
                _ => RedactValue(state) is string redacted ? inner.BeginScope(redacted) : inner.BeginScope(state),
            };

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var message = secrets.Redact(formatter(state, exception));
            var shown = RedactException(exception);
            if (state is IEnumerable<KeyValuePair<string, object?>> properties)
            {
                inner.Log(logLevel, eventId, new RedactedState(properties, message, this), shown, RedactedState.Format);
            }
            else
            {
                inner.Log(logLevel, eventId, message, shown, static (text, _) => text);
            }
        }

        /// <summary>A stand-in for <paramref name="exception"/> whose text has no secret.</summary>
        public Exception? RedactException(Exception? exception) => exception is null ? null : new RedactedException(exception, secrets);

        /// <summary>The values of a record, each one that shows a secret replaced by its redacted text.</summary>
        public object?[] RedactValues(object?[] values)
        {
            var result = new object?[values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                result[i] = RedactValue(values[i]) ?? values[i];
            }

            return result;
        }

        // The value's text with secrets replaced, or null when it shows none (then the value is kept
        // as it is, so a number stays a number for structured providers).
        private string? RedactValue(object? value)
        {
            var text = value switch
            {
                null => null,
                string s => s,
                IEnumerable items => string.Join(", ", items.Cast<object?>()), // As Microsoft.Extensions.Logging formats lists.
                _ => Convert.ToString(value, CultureInfo.InvariantCulture),
            };
            if (text is null)
            {
                return null;
            }

            var redacted = secrets.Redact(text);
            return ReferenceEquals(redacted, text) || redacted == text ? null : redacted;
        }

        /// <summary>A record's state with its names and template kept and every value redacted.</summary>
        private sealed class RedactedState(IEnumerable<KeyValuePair<string, object?>> properties, string message, RedactingLogger logger)
            : IReadOnlyList<KeyValuePair<string, object?>>
        {
            public static readonly Func<RedactedState, Exception?, string> Format = static (state, _) => state.ToString();

            private readonly KeyValuePair<string, object?>[] _properties = [.. properties.Select(p => new KeyValuePair<string, object?>(p.Key, logger.RedactValue(p.Value) ?? p.Value))];

            public int Count => _properties.Length;

            public KeyValuePair<string, object?> this[int index] => _properties[index];

            public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_properties).GetEnumerator();

            IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

            public override string ToString() => message;
        }
    }

    /// <summary>Stands in for a logged exception: its text with secrets replaced.</summary>
    private sealed class RedactedException(Exception original, SecretRedactor secrets) : Exception(secrets.Redact(original.Message))
    {
        private readonly string _text = secrets.Redact(original.ToString());

        public override string ToString() => _text;
    }
}
