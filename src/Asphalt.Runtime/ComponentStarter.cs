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
        var logger = context.LoggerFactory.CreateLogger("Asphalt.Component");
        using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var start = StartNodeAsync(rootNode, context, logger, abandon.Token);
        if (timeout is not { } limit || limit == Timeout.InfiniteTimeSpan)
        {
            await start.ConfigureAwait(false);
            return;
        }

        try
        {
            await start.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Snapshot first: cancelling changes the phases.
            List<PendingComponent> pending = [];
            rootNode.CollectPending(pending);
            await abandon.CancelAsync().ConfigureAwait(false);

            // Let abandoned components unwind briefly so what they registered is torn down with the rest.
            await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
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
            throw new ComponentStartTimeoutException(limit, pending);
        }
    }

    private static async Task StartNodeAsync(ComponentNode node, Context context, ILogger logger, CancellationToken cancellationToken)
    {
        // Both flow only into this component's own calls: an async method restores AsyncLocals when it
        // returns. Each write copies the execution context, so the context is only set when it differs.
        ComponentNode.Current = node;
        if (!ReferenceEquals(Context.CurrentOrNull, context))
        {
            context.MakeCurrent();
        }
        var component = node.Component;

        node.Phase = ComponentPhase.Preparing;
        LogStep(logger, "Preparing", node);
        await RunPhaseAsync(node, () => component.PrepareAsync(context, cancellationToken), cancellationToken).ConfigureAwait(false);

        if (node.Children.Count > 0)
        {
            node.Phase = ComponentPhase.StartingChildren;
            LogStep(logger, "Starting the children of", node);
            await StartChildrenAsync(node, context, logger, cancellationToken).ConfigureAwait(false);
        }

        node.Phase = ComponentPhase.Starting;
        LogStep(logger, "Starting", node);
        await RunPhaseAsync(node, () => component.StartAsync(context, cancellationToken), cancellationToken).ConfigureAwait(false);
        node.Phase = ComponentPhase.Started;
        LogStep(logger, "Started", node);
    }

    private static async Task StartChildrenAsync(ComponentNode node, Context context, ILogger logger, CancellationToken cancellationToken)
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
                await StartNodeAsync(child, context, logger, siblings.Token).ConfigureAwait(false);
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

    private static async Task RunPhaseAsync(ComponentNode node, Func<ValueTask> phase, CancellationToken cancellationToken)
    {
        try
        {
            await phase().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw; // Abandoned (timeout, a sibling's failure, a stop signal): not this component's fault.
        }
        catch (Exception error) when (error is not ComponentStartException)
        {
            throw new ComponentStartException(node.Phase, node.Path, node.ComponentType, error);
        }
    }
}
