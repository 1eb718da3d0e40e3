using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// A logger factory for a component's constructor: its loggers keep what they are given until
/// <see cref="Bind"/> names the context's factory, then write through it.
/// </summary>
internal sealed class DeferredLoggerFactory : ILoggerFactory
{
    private readonly Lock _gate = new();
    private readonly List<DeferredLogger> _loggers = [];
    private ILoggerFactory? _target;

    public ILogger CreateLogger(string categoryName)
    {
        lock (_gate)
        {
            if (_target is not null)
            {
                return _target.CreateLogger(categoryName);
            }

            var logger = new DeferredLogger(categoryName);
            _loggers.Add(logger);
            return logger;
        }
    }

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException(
            "A component's logger factory writes through the application's; add logging providers there (ApplicationOptions.LoggerFactory).");

    // The target belongs to the application, which disposes it.
    public void Dispose()
    {
    }

    public void Bind(ILoggerFactory target)
    {
        lock (_gate)
        {
            if (_target is not null)
            {
                return; // A component starts once.
            }

            _target = target;
            foreach (var logger in _loggers)
            {
                logger.Bind(target.CreateLogger(logger.Category));
            }

            _loggers.Clear();
        }
    }
}
