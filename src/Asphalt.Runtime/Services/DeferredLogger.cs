using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// A logger created before its component starts: entries are kept until <see cref="Bind"/> gives it
/// the real logger, then written to it in order; from then on it forwards.
/// </summary>
internal sealed class DeferredLogger(string category) : ILogger
{
    /// <summary>Entries kept before the component starts; later ones are counted and reported as dropped.</summary>
    public const int MaxPendingEntries = 100;

    private readonly Lock _gate = new();
    private List<Action<ILogger>>? _pending = [];
    private int _dropped;
    private volatile ILogger? _target;

    public string Category { get; } = category;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => _target?.BeginScope(state);

    // Unknown before the target exists: entries are kept, and the target filters them when written.
    public bool IsEnabled(LogLevel logLevel) => _target?.IsEnabled(logLevel) ?? logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (_target is { } target)
        {
            target.Log(logLevel, eventId, state, exception, formatter);
            return;
        }

        lock (_gate)
        {
            if (_target is null)
            {
                if (_pending!.Count < MaxPendingEntries)
                {
                    _pending.Add(logger => logger.Log(logLevel, eventId, state, exception, formatter));
                }
                else
                {
                    _dropped++;
                }

                return;
            }
        }

        _target.Log(logLevel, eventId, state, exception, formatter);
    }

    public void Bind(ILogger target)
    {
        lock (_gate)
        {
            foreach (var entry in _pending!)
            {
                entry(target);
            }

            if (_dropped > 0)
            {
                target.LogWarning(
                    "{Dropped} log entries written before the component started were dropped: only the first {Kept} are kept.",
                    _dropped, MaxPendingEntries);
            }

            _pending = null;
            _target = target;
        }
    }
}
