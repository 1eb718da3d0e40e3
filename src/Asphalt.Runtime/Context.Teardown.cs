namespace Asphalt;

// Teardown: callbacks and owned resources, run in reverse order of registration when the context closes.
public sealed partial class Context
{
    private static readonly TaskCompletionSource ClosedWithNothingToRun = CompletedClose();
    private readonly List<TeardownEntry> _teardown = [];
    private string? _runningTeardown; // Written by the teardown, read by the runner's stop-timeout message.
    private volatile AbandonedStart? _waitingFor; // The abandoned start-up the close waits for before its teardown.

    /// <summary>Registers a callback to run when the context closes, given the exception that ended it (null on success).</summary>
    /// <param name="callback">The callback. Callbacks run one at a time, last registered first; every one runs even if others throw.</param>
    /// <param name="description">What the callback does, for error messages; defaults to "teardown callback".</param>
    public void AddTeardown(Action<Exception?> callback, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddTeardownEntry(description, exception =>
        {
            callback(exception);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>Registers an async callback to run when the context closes; see <see cref="AddTeardown(Action{Exception?}, string?)"/>.</summary>
    public void AddTeardown(Func<Exception?, ValueTask> callback, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddTeardownEntry(description, callback);
    }

    /// <summary>Registers a callback to run when the context closes.</summary>
    public void AddTeardown(Action callback, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddTeardown(_ => callback(), description);
    }

    /// <summary>Registers an async callback to run when the context closes.</summary>
    public void AddTeardown(Func<ValueTask> callback, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(callback);
        AddTeardownEntry(description, _ => callback());
    }

    /// <summary>
    /// Closes the context: runs every teardown callback and disposes every owned resource, last
    /// registered first, each given <paramref name="exception"/>. Callbacks added while closing run too.
    /// Calling it again returns the first close's outcome. If a start-up in this context was abandoned
    /// (start timeout or stop request) while a step still ran, the close first waits for that step.
    /// </summary>
    /// <param name="exception">The exception that ended the context's work, or null on success.</param>
    /// <exception cref="TeardownException">One or more callbacks failed; all of them ran.</exception>
    /// <remarks>On a root context made by hand, <see cref="Lifetime"/> enters Stopping before the first step
    /// (readiness fails from then on) and Stopped once the close finished.</remarks>
    public Task CloseAsync(Exception? exception = null)
    {
        if (!_drivesOwnLifetime)
        {
            return CloseCore(exception);
        }

        MarkStopping();
        return MarkStoppedAfterAsync(CloseCore(exception), exception);
    }

    private Task CloseCore(Exception? exception) =>
        TakeAbandonedStarts() is { } abandoned ? CloseAfterAsync(abandoned, exception, threadPool: false) : CloseNow(exception);

    private Task CloseNow(Exception? exception)
    {
        TaskCompletionSource closed;
        lock (_gate)
        {
            if (_closing is null && _teardown.Count == 0 && _waiters is null)
            {
                // Nothing to run and nobody waiting (most request-scoped contexts): closed at once, with
                // no teardown span and no state machine.
                _state = ContextState.Closed;
                _closing = ClosedWithNothingToRun;
                return ClosedWithNothingToRun.Task;
            }

            if (BeginClosing(out closed) is { } already)
            {
                return already;
            }
        }

        // Started outside the lock, since callbacks are user code. A teardown that completes
        // synchronously completes the returned task before it is returned: no thread switch, no timer.
        _ = RunTeardownAsync(exception, closed);
        return closed.Task;
    }

    /// <summary>
    /// <see cref="CloseAsync"/> the runner's way: a teardown with steps runs on the thread pool, so
    /// that a step that blocks its thread cannot hold the runner past the stop timeout. One without
    /// steps completes inline (no thread, no timer); the context is then closed in the same lock
    /// as the check, so a step registered a moment later is refused rather than run here.
    /// </summary>
    internal Task CloseOnThreadPool(Exception? exception) =>
        TakeAbandonedStarts() is { } abandoned ? CloseAfterAsync(abandoned, exception, threadPool: true) : CloseOnThreadPoolNow(exception);

    // The context stays open meanwhile: what the abandoned steps publish or register before they
    // return is accepted, and torn down by the close that follows.
    private async Task CloseAfterAsync(List<AbandonedStart> abandoned, Exception? exception, bool threadPool)
    {
        foreach (var start in abandoned)
        {
            _waitingFor = start;
            await start.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // Its failure was logged where it happened.
        }

        _waitingFor = null;

        await (threadPool ? CloseOnThreadPoolNow(exception) : CloseNow(exception)).ConfigureAwait(false);
    }

    private Task CloseOnThreadPoolNow(Exception? exception)
    {
        TaskCompletionSource closed;
        bool nothingToRun;
        lock (_gate)
        {
            if (BeginClosing(out closed) is { } already)
            {
                return already;
            }

            nothingToRun = _teardown.Count == 0;
            if (nothingToRun)
            {
                _state = ContextState.Closed;
            }
        }

        if (nothingToRun)
        {
            _ = RunTeardownAsync(exception, closed); // Fails orphaned waiters and completes `closed`.
        }
        else
        {
            // A small object, not a tuple: a generic tuple's equality would need NativeAOT's type loader.
            ThreadPool.QueueUserWorkItem(static state => ((TeardownStart)state!).Run(), new TeardownStart(this, exception, closed));
        }

        return closed.Task;
    }

    // Returns the task of a close already under way, or marks the context closing and hands out the
    // completion source of this close.
    // Called under _gate.
    private Task? BeginClosing(out TaskCompletionSource closed)
    {
        if (_closing is not null)
        {
            closed = _closing;
            return _closing.Task;
        }

        _state = ContextState.Closing;
        _closing = closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return null;
    }

    /// <summary>The description of the teardown step running now or next, for stop-timeout messages.</summary>
    internal string? RunningTeardown
    {
        get => _waitingFor?.Describe() ?? Volatile.Read(ref _runningTeardown);
        private set => Volatile.Write(ref _runningTeardown, value);
    }

    private void AddTeardownEntry(string? description, Func<Exception?, ValueTask> run)
    {
        lock (_gate)
        {
            if (_state == ContextState.Closed)
            {
                throw new InvalidOperationException("Cannot add a teardown callback: the context is already closed.");
            }

            _teardown.Add(new TeardownEntry(description ?? "teardown callback", ComponentNode.Current?.Path, run));
        }
    }

    // Called under _gate.
    private void AddDisposal(object value, string description) =>
        _teardown.Add(TeardownEntry.ForDisposal(value, description, ComponentNode.Current?.Path));

    // Completes `closed` rather than throwing: CloseAsync hands out closed.Task, and nothing else
    // observes this method's own task, so nothing may escape it.
    private async Task RunTeardownAsync(Exception? exception, TaskCompletionSource closed)
    {
        using var span = AsphaltTelemetry.StartActivity("asphalt.teardown");
        try
        {
            List<TeardownCallbackException>? failures = null;
            while (TakeLastTeardown() is { } entry)
            {
                RunningTeardown = entry.Owner is null ? entry.Description : $"{entry.Description} of component '{entry.Owner}'";
                using var stepSpan = AsphaltTelemetry.StartTeardownActivity(entry.Description, entry.Owner);
                using var scope = entry.Owner is null ? null : RuntimeLogger.BeginComponentScope(_logger, entry.Owner);
                try
                {
                    await entry.RunAsync(exception).ConfigureAwait(false);
                }
                catch (Exception error)
                {
                    AsphaltTelemetry.Fail(stepSpan, error);
                    AsphaltTelemetry.CountTeardownFailure(entry.Description, entry.Owner);
                    var failure = new TeardownCallbackException(entry.Description, entry.Owner, error);
                    (failures ??= []).Add(failure);
                    try
                    {
                        Log.TeardownFailed(_logger, failure.Message, error);
                    }
                    catch (Exception)
                    {
                        // A failing log sink must not stop the remaining steps; the failure is in the TeardownException.
                    }
                }
            }

            List<ResourceWaiter> orphans = [];
            lock (_gate)
            {
                // TakeLastTeardown already marked the context closed when it found the list empty.
                RunningTeardown = null;
                if (_waiters is not null)
                {
                    foreach (var waiters in _waiters.Values)
                    {
                        orphans.AddRange(waiters);
                    }

                    _waiters = null;
                }
            }

            foreach (var waiter in orphans)
            {
                waiter.Fail(new InvalidOperationException($"The context closed while waiting for resource {waiter.Key}."));
            }

            if (failures is not null)
            {
                span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, $"{failures.Count} teardown step(s) failed");
                closed.SetException(new TeardownException(failures, exception));
            }
            else
            {
                closed.SetResult();
            }
        }
        catch (Exception unexpected)
        {
            closed.TrySetException(unexpected);
        }
    }

    private static TaskCompletionSource CompletedClose()
    {
        var closed = new TaskCompletionSource();
        closed.SetResult();
        return closed;
    }

    private TeardownEntry? TakeLastTeardown()
    {
        lock (_gate)
        {
            if (_teardown.Count == 0)
            {
                // In the same lock as the emptiness check, so nothing can be added and then never run.
                _state = ContextState.Closed;
                return null;
            }

            var entry = _teardown[^1];
            _teardown.RemoveAt(_teardown.Count - 1);
            return entry;
        }
    }

    private void ThrowIfNotOpen(string action)
    {
        if (_state != ContextState.Open)
        {
            throw new InvalidOperationException($"Cannot {action}: the context is {(_state == ContextState.Closing ? "closing" : "closed")}.");
        }
    }

    private sealed class TeardownStart(Context context, Exception? exception, TaskCompletionSource closed)
    {
        public void Run() => _ = context.RunTeardownAsync(exception, closed);
    }
}
