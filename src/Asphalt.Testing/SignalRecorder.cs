namespace Asphalt.Testing;

/// <summary>The events dispatched on a signal since recording began (see also <see cref="ComponentHarness.Record{TEvent}(Signal{TEvent})"/>).</summary>
/// <typeparam name="TEvent">The signal's event type.</typeparam>
public sealed class SignalRecorder<TEvent> : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<TEvent> _events = []; // Under _gate.
    private readonly List<(Func<TEvent, bool> Match, TaskCompletionSource<TEvent> Found)> _waits = []; // Under _gate.
    private readonly IDisposable _subscription;
    private readonly TimeSpan _waitTimeout;
    private readonly string _signal;

    /// <summary>
    /// Starts recording <paramref name="signal"/>. Create it before start-up to see what the
    /// components dispatch while they start; dispose it to stop.
    /// </summary>
    /// <param name="signal">The signal to record.</param>
    /// <param name="waitTimeout">How long <see cref="WaitForAsync"/> waits by default (10 s when null).</param>
    public SignalRecorder(Signal<TEvent> signal, TimeSpan? waitTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(signal);
        _signal = signal.Name;
        _waitTimeout = waitTimeout ?? TimeSpan.FromSeconds(10);
        _subscription = signal.Subscribe(Add);
    }

    /// <summary>The events so far, in dispatch order.</summary>
    public IReadOnlyList<TEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Waits for an event matching <paramref name="match"/> (any event when null), recorded before or after the call.</summary>
    /// <exception cref="TimeoutException">None in time; the message lists what was recorded.</exception>
    public async Task<TEvent> WaitForAsync(Func<TEvent, bool>? match = null, TimeSpan? timeout = null)
    {
        match ??= static _ => true;
        var found = new TaskCompletionSource<TEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            foreach (var recorded in _events)
            {
                if (match(recorded))
                {
                    return recorded;
                }
            }

            _waits.Add((match, found));
        }

        var limit = timeout ?? _waitTimeout;
        try
        {
            return await found.Task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException(
                $"No matching event on signal '{_signal}' within {limit.TotalSeconds} s. Recorded: [{string.Join(", ", Events)}]");
        }
    }

    /// <summary>Stops recording (the harness does it at teardown).</summary>
    public void Dispose() => _subscription.Dispose();

    private void Add(TEvent @event)
    {
        lock (_gate)
        {
            _events.Add(@event);
            for (var i = _waits.Count - 1; i >= 0; i--)
            {
                if (_waits[i].Match(@event))
                {
                    _waits[i].Found.TrySetResult(@event);
                    _waits.RemoveAt(i);
                }
            }
        }
    }
}
