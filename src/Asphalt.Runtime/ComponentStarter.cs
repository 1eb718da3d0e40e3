using System.Diagnostics;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Starts a component tree: per component prepare → children concurrently → start; the first
/// failure cancels the rest; a timeout reports every component still starting.
/// </summary>
internal static class ComponentStarter
{
    public static async Task StartAsync(Context context, Component root, string rootAlias, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var rootNode = ComponentNode.Build(root, rootAlias);
        var preparation = context.TrackPreparation(rootNode.CountNodes());
        var logger = context.LoggerFactory.CreateLogger("Asphalt.Component");
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Current while the start-up runs, so every component's span is its child (Task.Run below flows it).
        using var span = AsphaltTelemetry.StartActivity("asphalt.start", rootAlias);
        try
        {
            await StartTreeAsync(context, rootNode, preparation, logger, abandon, timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            AsphaltTelemetry.Fail(span, error);
            throw;
        }
    }

    private static async Task StartTreeAsync(
        Context context, ComponentNode rootNode, PreparationProgress preparation, ILogger logger, CancellationTokenSource abandon, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        // The steps run on a thread of their own, never on the caller's: a step that blocks its thread
        // (Thread.Sleep, .Result) then holds only that thread, and the caller's clock and stop token
        // still act on time. A dedicated thread, not the pool: queuing the start-up to a cold pool
        // brought up its workers at every start (about 0.5 ms, a third of a small app's start).
        // The clock starts once that thread runs the start-up, not when it is created: on a busy
        // machine the timeout then still measures the components, and its report shows their phases.
        // No RunContinuationsAsynchronously: the caller's wait may continue on that thread, which wakes no
        // pool thread, and all it does there is wait on 'start' (assigned before the caller waits).
        var running = new TaskCompletionSource();
        var start = Task.Factory.StartNew(
            () =>
            {
                running.SetResult();
                return StartNodeAsync(rootNode, context, preparation, logger, abandon.Token);
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach,
            TaskScheduler.Default).Unwrap();
        var limit = timeout is { } value && value != Timeout.InfiniteTimeSpan ? value : (TimeSpan?)null;
        try
        {
            await running.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
            await (limit is { } t ? start.WaitAsync(t, cancellationToken) : start.WaitAsync(cancellationToken)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Snapshot first: cancelling changes the phases.
            List<PendingComponent> pending = [];
            rootNode.CollectPending(pending);
            await AbandonAsync(context, start, rootNode, abandon, logger).ConfigureAwait(false);
            throw new ComponentStartTimeoutException(limit!.Value, pending);
        }
        catch (OperationCanceledException) when (!start.IsCompleted)
        {
            // A stop request while a step ignores its token: the same rule as the timeout.
            await AbandonAsync(context, start, rootNode, abandon, logger).ConfigureAwait(false);
            throw;
        }
    }

    // Cancels what still runs and leaves it to the context, whose close waits for it (under the
    // runner's stop timeout) so that what it registers late is torn down with the rest.
    private static async Task AbandonAsync(Context context, Task start, ComponentNode rootNode, CancellationTokenSource abandon, ILogger logger)
    {
        await abandon.CancelAsync().ConfigureAwait(false);
        context.RecordAbandonedStart(new AbandonedStart(start, rootNode));

        // A component that ignores cancellation may still fail later (publishing into a closed
        // context, say): that is logged rather than lost.
        _ = start.ContinueWith(
            t =>
            {
                if (t.Exception?.GetBaseException() is { } error and not OperationCanceledException)
                {
                    Log.AbandonedStartFailed(logger, error);
                }
            },
            TaskScheduler.Default);
    }

    private static async Task StartNodeAsync(ComponentNode node, Context context, PreparationProgress preparation, ILogger logger, CancellationToken cancellationToken)
    {
        // Both flow only into this component's own calls: an async method restores AsyncLocals when it
        // returns. Each write copies the execution context, so the context is only set when it differs.
        ComponentNode.Current = node;
        if (!ReferenceEquals(Context.CurrentOrNull, context))
        {
            context.MakeCurrent();
        }

        // The children's spans nest under this one, as the tree is; nothing is measured when nobody listens.
        using var span = AsphaltTelemetry.StartComponentActivity("asphalt.component", node);
        var startedAt = AsphaltTelemetry.StartDuration.Enabled ? Stopwatch.GetTimestamp() : 0;
        try
        {
            node.Phase = ComponentPhase.Preparing;
            LogStep(logger, "Preparing", node);
            await RunTracedPhaseAsync("asphalt.component.prepare", node, context, logger, cancellationToken).ConfigureAwait(false);
            preparation.OnePrepared();

            if (node.Children.Count > 0)
            {
                node.Phase = ComponentPhase.StartingChildren;
                LogStep(logger, "Starting the children of", node);
                await StartChildrenAsync(node, context, preparation, logger, cancellationToken).ConfigureAwait(false);
            }

            node.Phase = ComponentPhase.Starting;
            LogStep(logger, "Starting", node);
            await RunTracedPhaseAsync("asphalt.component.start", node, context, logger, cancellationToken).ConfigureAwait(false);
            node.Phase = ComponentPhase.Started;
            LogStep(logger, "Started", node);
        }
        catch (Exception error)
        {
            AsphaltTelemetry.Fail(span, error);
            throw;
        }

        if (startedAt != 0)
        {
            AsphaltTelemetry.RecordStartDuration(node, Stopwatch.GetElapsedTime(startedAt));
        }
    }

    // A step inside its own span, which is Activity.Current for the step's code: what it traces is its child.
    private static async ValueTask RunTracedPhaseAsync(string spanName, ComponentNode node, Context context, ILogger logger, CancellationToken cancellationToken)
    {
        using var span = AsphaltTelemetry.StartComponentActivity(spanName, node);
        using var scope = RuntimeLogger.BeginComponentScope(logger, node.Path);
        try
        {
            await RunPhaseAsync(node, context, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error)
        {
            AsphaltTelemetry.Fail(span, error);
            throw;
        }
    }

    private static async Task StartChildrenAsync(ComponentNode node, Context context, PreparationProgress preparation, ILogger logger, CancellationToken cancellationToken)
    {
        using var siblings = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ExceptionDispatchInfo? firstFailure = null;
        var children = new Task[node.Children.Count];
        for (var i = 0; i < children.Length; i++)
        {
            var child = node.Children[i];
            children[i] = StartChildAsync(child);
        }

        try
        {
            await Task.WhenAll(children).ConfigureAwait(false);
        }
        catch when (firstFailure is not null)
        {
            firstFailure.Throw();
        }

        async Task StartChildAsync(ComponentNode child)
        {
            try
            {
                await StartNodeAsync(child, context, preparation, logger, siblings.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                // The first real failure cancels the siblings and is the one reported.
                Interlocked.CompareExchange(ref firstFailure, ExceptionDispatchInfo.Capture(error), null);
                await siblings.CancelAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    // The type name is only formatted when debug logging is on: start-up cost matters.
    private static void LogStep(ILogger logger, string action, ComponentNode node)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Log.ComponentStep(logger, action, node.Path, node.ComponentType);
        }
    }

    // Runs the step of node.Phase. A step that completes synchronously (every generated step whose
    // resources are published) costs no closure, delegate or state machine: this runs per component.
    // Like an async method, it gives the step's async-local changes (AsyncLocal, Activity.Current,
    // culture) no effect beyond the step.
    private static ValueTask RunPhaseAsync(ComponentNode node, Context context, CancellationToken cancellationToken)
    {
        ValueTask step;
        var executionContext = ExecutionContext.Capture();
        try
        {
            if (node.Phase == ComponentPhase.Preparing)
            {
                // Loggers and the clock its constructor took now write through this context.
                node.Component.BindServices?.Invoke(context);
            }

            step = node.Phase == ComponentPhase.Preparing
                ? node.Component.InvokePrepareAsync(context, cancellationToken)
                : node.Component.InvokeStartAsync(context, cancellationToken);
        }
        catch (Exception error)
        {
            return ValueTask.FromException(PhaseFailure(node, error, cancellationToken));
        }
        finally
        {
            if (executionContext is not null)
            {
                ExecutionContext.Restore(executionContext);
            }
        }

        if (step.IsCompletedSuccessfully)
        {
            step.GetAwaiter().GetResult(); // Consumes a pooled source; returns at once.
            return default;
        }

        return AwaitPhaseAsync(node, step, cancellationToken);
    }

    private static async ValueTask AwaitPhaseAsync(ComponentNode node, ValueTask step, CancellationToken cancellationToken)
    {
        try
        {
            await step.ConfigureAwait(false);
        }
        catch (Exception error)
        {
            ExceptionDispatchInfo.Throw(PhaseFailure(node, error, cancellationToken));
        }
    }

    private static Exception PhaseFailure(ComponentNode node, Exception error, CancellationToken cancellationToken) =>
        (error is OperationCanceledException && cancellationToken.IsCancellationRequested) || error is ComponentStartException
            ? error // Abandoned (timeout, a sibling's failure, a stop signal), or a descendant's failure already wrapped.
            : new ComponentStartException(node.Phase, node.Path, node.ComponentType, error);
}
