namespace Asphalt.Redis;

/// <summary>
/// Marks the thread that is dispatching an event received from another instance, so the bridge's own
/// listener on that signal does not publish it back. Synchronous listeners (the bridge's is one) run
/// inside <c>DispatchAsync</c>'s synchronous part, on the dispatching thread, so a thread-static mark
/// set around that call is seen by exactly them.
/// </summary>
internal static class RemoteDispatch
{
    [ThreadStatic]
    private static object? t_bridge;

    public static bool IsDispatching(object bridge) => ReferenceEquals(t_bridge, bridge);

    public static ValueTask<bool> DispatchAsync<TEvent>(object bridge, Signal<TEvent> signal, TEvent @event)
    {
        var outer = t_bridge;
        t_bridge = bridge;
        try
        {
            return signal.DispatchAsync(@event);
        }
        finally
        {
            t_bridge = outer;
        }
    }
}
