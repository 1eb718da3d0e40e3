using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Runs a signal listener inside the log scope of the component that connected it, so what it logs
/// carries that component's path wherever the signal was dispatched from. Listeners connected outside
/// a component, or with logging that has no scopes, are left as they are: dispatch then costs nothing more.
/// </summary>
internal static class ScopedListeners
{
    public static Action<TEvent> Wrap<TEvent>(Action<TEvent> listener, string? owner)
    {
        if (owner is null || ScopingLogger() is not { } logger)
        {
            return listener;
        }

        return e =>
        {
            using var scope = RuntimeLogger.BeginComponentScope(logger, owner);
            listener(e);
        };
    }

    public static Func<TEvent, ValueTask> Wrap<TEvent>(Func<TEvent, ValueTask> listener, string? owner)
    {
        if (owner is null || ScopingLogger() is not { } logger)
        {
            return listener;
        }

        return async e =>
        {
            using var scope = RuntimeLogger.BeginComponentScope(logger, owner);
            await listener(e).ConfigureAwait(false);
        };
    }

    // A logger of the factory the connecting component logs through (the scope must be pushed
    // there), or null when that logging has no scopes.
    private static ILogger? ScopingLogger()
    {
        var logger = (Context.CurrentOrNull?.LoggerFactory ?? RuntimeLogging.Factory).CreateLogger("Asphalt.Signal");
        return RuntimeLogger.HasScopes(logger) ? logger : null;
    }
}
