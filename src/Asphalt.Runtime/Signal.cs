using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asphalt;

/// <summary>
/// A typed signal components talk through: listeners connect to it, the owner dispatches events.
/// A listener that throws is logged and does not stop the others.
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
/// <example>
/// <code>
/// public Signal&lt;PageChanged&gt; Changed { get; } = new(nameof(Changed));
/// ...
/// detector.Changed.Connect(e => Console.WriteLine(e.Url));
/// await foreach (var change in detector.Changed.StreamEvents(cancellationToken: ct)) { ... }
/// </code>
/// </example>
public sealed class Signal<TEvent> : IEventSource<TEvent>
{
    private readonly Lock _gate = new();
    private ILogger? _logger;

    // Copy-on-write: dispatch reads the arrays without locking or allocating. While every listener
    // is synchronous, _syncListeners holds the same delegates for the fast path; otherwise it is null.
    private Listener[] _listeners = [];
    private Action<TEvent>[]? _syncListeners = [];

    /// <summary>Creates a signal that logs listener failures and dropped stream events to the application's log.</summary>
    /// <param name="name">The signal's name, used in log messages; defaults to the event type's name.</param>
    public Signal(string? name = null)
    {
        Name = name ?? typeof(TEvent).Name;
    }

    /// <summary>Creates a signal that logs listener failures and dropped stream events to <paramref name="logger"/>.</summary>
    /// <param name="name">The signal's name, used in log messages; defaults to the event type's name.</param>
    /// <param name="logger">Where listener failures and dropped stream events are logged; the application's log when null.</param>
    public Signal(string? name, ILogger? logger)
        : this(name)
    {
        if (logger is not null)
        {
            _logger = logger;
            RuntimeLogger.ForwardToForeignLoggers();
        }
    }

    // The runtime's own signals log where their context does, which needs no forwarding of its own.
    internal static Signal<TEvent> WithContextLogger(string name, ILogger logger) => new(name) { _logger = logger };

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Whether any listener or stream is connected.</summary>
    public bool HasListeners => Volatile.Read(ref _listeners).Length > 0;

    private ILogger Logger => _logger ??= RuntimeLogging.Factory.CreateLogger("Asphalt.Signal");

    /// <summary>Connects a synchronous listener. Connecting the same delegate twice has no effect.</summary>
    /// <param name="listener">The listener.</param>
    /// <param name="name">The listener's name (its method, say) for the message logged if it throws. That
    /// message also names the component whose code connected it.</param>
    public void Connect(Action<TEvent> listener, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var owner = ComponentNode.Current?.Path;
        Add(new Listener(listener, ScopedListeners.Wrap(listener, owner), null, name, owner));
    }

    /// <summary>Connects an asynchronous listener. Connecting the same delegate twice has no effect.</summary>
    /// <param name="listener">The listener.</param>
    /// <param name="name">The listener's name (its method, say) for the message logged if it throws. That
    /// message also names the component whose code connected it.</param>
    public void Connect(Func<TEvent, ValueTask> listener, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var owner = ComponentNode.Current?.Path;
        Add(new Listener(listener, null, ScopedListeners.Wrap(listener, owner), name, owner));
    }

    /// <summary>Disconnects a listener; returns false if it was not connected.</summary>
    public bool Disconnect(Action<TEvent> listener) => Remove(listener);

    /// <summary>Disconnects a listener; returns false if it was not connected.</summary>
    public bool Disconnect(Func<TEvent, ValueTask> listener) => Remove(listener);

    /// <inheritdoc />
    /// <remarks>Each subscription is independent, even for the same delegate: disposing one leaves the others.</remarks>
    public IDisposable Subscribe(Action<TEvent> listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        Action<TEvent> own = e => listener(e); // A delegate of its own, so Connect's de-duplication never merges two.
        Connect(own);
        return new Subscription(this, own);
    }

    /// <summary>
    /// Calls every listener with <paramref name="event"/>: synchronous ones in order, asynchronous
    /// ones started in order and awaited together. A listener's exception is logged and does not
    /// stop the others.
    /// </summary>
    /// <returns>True if every listener succeeded.</returns>
    /// <remarks>Allocates nothing when every listener is synchronous or completes synchronously.</remarks>
    public ValueTask<bool> DispatchAsync(TEvent @event)
    {
        if (AsphaltTelemetry.SignalsObserved)
        {
            return DispatchObservedAsync(@event);
        }

        if (Volatile.Read(ref _syncListeners) is not { } syncListeners)
        {
            return DispatchMixed(@event);
        }

        // One protected region around the loop keeps the common case as cheap as a delegate call.
        var i = 0;
        try
        {
            for (; i < syncListeners.Length; i++)
            {
                syncListeners[i](@event);
            }

            return new ValueTask<bool>(true);
        }
        catch (Exception error)
        {
            LogFailure(syncListeners[i], error);
            return new ValueTask<bool>(DispatchRemainingSync(syncListeners, i + 1, @event));
        }
    }

    // Counted and, when the optional source is listened to, inside a span: off the fast path above.
    private async ValueTask<bool> DispatchObservedAsync(TEvent @event)
    {
        AsphaltTelemetry.CountSignal(AsphaltTelemetry.Dispatches, Name);
        using var span = AsphaltTelemetry.StartSignalActivity(Name);
        var succeeded = await DispatchMixed(@event).ConfigureAwait(false);
        if (!succeeded)
        {
            span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, "a listener failed");
        }

        return succeeded;
    }

    /// <summary>Waits for the next event that passes <paramref name="filter"/>.</summary>
    public async Task<TEvent> WaitEventAsync(Func<TEvent, bool>? filter = null, CancellationToken cancellationToken = default)
    {
        var received = new TaskCompletionSource<TEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        Action<TEvent> listener = e =>
        {
            // A failing filter is the waiter's error, not the signal's: it ends the wait with it.
            try
            {
                if (filter is null || filter(e))
                {
                    received.TrySetResult(e);
                }
            }
            catch (Exception error)
            {
                received.TrySetException(error);
            }
        };
        Connect(listener);
        try
        {
            return await received.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Disconnect(listener);
        }
    }

    /// <summary>
    /// Streams events through a bounded queue. The subscription starts when enumeration starts and
    /// ends when it ends. When the consumer falls behind and the queue is full, new events are
    /// dropped for this stream with a warning (Asphalt 5's behaviour): the sender never blocks.
    /// </summary>
    /// <param name="filter">Only events passing it are queued.</param>
    /// <param name="maxQueueSize">How many events may wait in the queue (default 50).</param>
    public IAsyncEnumerable<TEvent> StreamEvents(Func<TEvent, bool>? filter = null, int maxQueueSize = Signals.DefaultMaxQueueSize) =>
        new EventStream<TEvent>([this], filter, maxQueueSize, Logger);

    // The listener before `next` failed: call the rest, isolating each, and report failure.
    private bool DispatchRemainingSync(Action<TEvent>[] listeners, int next, TEvent @event)
    {
        for (var i = next; i < listeners.Length; i++)
        {
            try
            {
                listeners[i](@event);
            }
            catch (Exception error)
            {
                LogFailure(listeners[i], error);
            }
        }

        return false;
    }

    private ValueTask<bool> DispatchMixed(TEvent @event)
    {
        var listeners = Volatile.Read(ref _listeners);
        var succeeded = true;
        for (var i = 0; i < listeners.Length; i++)
        {
            var listener = listeners[i];
            try
            {
                if (listener.Sync is { } sync)
                {
                    sync(@event);
                    continue;
                }

                var pending = listener.Async!(@event);
                if (!pending.IsCompletedSuccessfully)
                {
                    return AwaitRemainingAsync(pending, listeners, i + 1, @event, succeeded);
                }
            }
            catch (Exception error)
            {
                succeeded = false;
                ReportFailure(listener.Describe(), error);
            }
        }

        return new ValueTask<bool>(succeeded);
    }

    private async ValueTask<bool> AwaitRemainingAsync(
        ValueTask first, Listener[] listeners, int next, TEvent @event, bool succeeded)
    {
        // Two lists rather than a list of tuples: NativeAOT builds stay free of tuple instantiations.
        List<ValueTask> pending = [first];
        List<Listener> pendingListeners = [listeners[next - 1]];
        for (var i = next; i < listeners.Length; i++)
        {
            try
            {
                if (listeners[i].Sync is { } sync)
                {
                    sync(@event);
                }
                else
                {
                    pending.Add(listeners[i].Async!(@event));
                    pendingListeners.Add(listeners[i]);
                }
            }
            catch (Exception error)
            {
                succeeded = false;
                ReportFailure(listeners[i].Describe(), error);
            }
        }

        for (var i = 0; i < pending.Count; i++)
        {
            try
            {
                await pending[i].ConfigureAwait(false);
            }
            catch (Exception error)
            {
                succeeded = false;
                ReportFailure(pendingListeners[i].Describe(), error);
            }
        }

        return succeeded;
    }

    // The fast path keeps bare delegates: the listener's description is looked up only on failure.
    private void LogFailure(Delegate failed, Exception error)
    {
        var listener = Array.Find(Volatile.Read(ref _listeners), l => (Delegate?)l.Sync == failed);
        ReportFailure(listener?.Describe() ?? "a listener disconnected since", error);
    }

    private void ReportFailure(string listener, Exception error)
    {
        AsphaltTelemetry.CountSignal(AsphaltTelemetry.FailedListeners, Name);
        Log.ListenerFailed(Logger, Name, listener, error);
    }

    private void Add(Listener listener)
    {
        lock (_gate)
        {
            if (Array.Exists(_listeners, l => l.Delegate == listener.Delegate))
            {
                return;
            }

            Publish([.. _listeners, listener]);
        }
    }

    private bool Remove(Delegate listener)
    {
        lock (_gate)
        {
            var index = Array.FindIndex(_listeners, l => l.Delegate == listener);
            if (index < 0)
            {
                return false;
            }

            Publish([.. _listeners[..index], .. _listeners[(index + 1)..]]);
            return true;
        }
    }

    // Called under _gate.
    private void Publish(Listener[] listeners)
    {
        Volatile.Write(ref _listeners, listeners);
        Volatile.Write(
            ref _syncListeners,
            Array.TrueForAll(listeners, l => l.Sync is not null) ? Array.ConvertAll(listeners, l => l.Sync!) : null);
    }

    // Sync or Async is what dispatch calls: the delegate connected, or it inside the component's
    // log scope. Delegate is the one connected, which Connect and Disconnect compare.
    private sealed class Listener(Delegate connected, Action<TEvent>? sync, Func<TEvent, ValueTask>? async, string? name, string? owner)
    {
        public Action<TEvent>? Sync { get; } = sync;

        public Func<TEvent, ValueTask>? Async { get; } = async;

        public Delegate Delegate { get; } = connected;

        /// <summary>"listener 'OnChanged' of component 'app/audit'", as failure messages word it.</summary>
        public string Describe() =>
            (name is null ? "a listener" : $"listener '{name}'") + (owner is null ? " of code outside any component" : $" of component '{owner}'");
    }

    private sealed class Subscription(Signal<TEvent> signal, Action<TEvent> listener) : IDisposable
    {
        public void Dispose() => signal.Disconnect(listener);
    }
}
