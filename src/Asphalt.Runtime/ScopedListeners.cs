using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Runs a signal listener inside the log scope of the component that connected it, so what it logs
/// carries that component's path wherever the signal was dispatched from. Listeners connected outside
/// a component, or with logging that has no scopes, are left as they are: dispatch then costs nothing more.
/// </summary>
internal static class ScopedListeners
{
    /// <summary>A logger of the factory the connecting code logs through: the scope must be pushed there.</summary>
    public static ILogger LoggerOfCurrentContext() =>
        (Context.CurrentOrNull?.LoggerFactory ?? RuntimeLogging.Factory).CreateLogger("Asphalt.Signal");

    public static Action<TEvent> Wrap<TEvent>(Action<TEvent> listener, ILogger logger, string? owner)
    {
        if (owner is null || !RuntimeLogger.HasScopes(logger))
        {
            return listener;
        }

        return e =>
        {
            using var scope = RuntimeLogger.BeginComponentScope(logger, owner);
            listener(e);
        };
    }

    public static Func<TEvent, ValueTask> Wrap<TEvent>(Func<TEvent, ValueTask> listener, ILogger logger, string? owner)
    {
        if (owner is null || !RuntimeLogger.HasScopes(logger))
        {
            return listener;
        }

        return async e =>
        {
            using var scope = RuntimeLogger.BeginComponentScope(logger, owner);
            await listener(e).ConfigureAwait(false);
        };
    }
}
