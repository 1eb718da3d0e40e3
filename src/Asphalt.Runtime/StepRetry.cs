using System.ComponentModel;

namespace Asphalt;

/// <summary>
/// Lets a component's start-up step be written without an async state machine of its own: the step
/// takes what is already published synchronously and, when a resource is missing, returns
/// <see cref="AfterResourceAsync(Component, Context, Type, string, ComponentPhase, CancellationToken)"/>,
/// which waits for it and runs the step again. Generated wiring uses it so that a component costs no
/// async machinery, no lambda and no generic instantiation in a NativeAOT binary: one method serves
/// every component and every resource type.
/// </summary>
/// <example>
/// <code>
/// public sealed override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
/// {
///     if (!context.TryGetResource(typeof(IDatabase), "default", out var db))
///     {
///         return StepRetry.AfterResourceAsync(this, context, typeof(IDatabase), "default", ComponentPhase.Starting, cancellationToken);
///     }
///
///     context.AddResource(new Repository((IDatabase)db));
///     return ValueTask.CompletedTask;
/// }
/// </code>
/// </example>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class StepRetry
{
    /// <summary>
    /// Waits until the resource of <paramref name="resourceType"/> named <paramref name="name"/> is
    /// published (or created by its async factory), then runs the component's
    /// <see cref="Component.PrepareAsync"/> or <see cref="Component.StartAsync"/> again. The wait is
    /// recorded for the start-timeout report like any
    /// <see cref="Context.GetResourceAsync{T}(string, CancellationToken)"/>. The step must take its
    /// resources before doing anything else, and should be sealed, since it runs again from the top.
    /// </summary>
    /// <param name="component">The component whose step is retried.</param>
    /// <param name="context">The context the step runs in.</param>
    /// <param name="resourceType">The missing resource's type.</param>
    /// <param name="name">The missing resource's name.</param>
    /// <param name="phase"><see cref="ComponentPhase.Preparing"/> or <see cref="ComponentPhase.Starting"/>: the step to run again.</param>
    /// <param name="cancellationToken">The start-up token.</param>
    public static async ValueTask AfterResourceAsync(
        Component component, Context context, Type resourceType, string name, ComponentPhase phase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(context);
        if (phase is not (ComponentPhase.Preparing or ComponentPhase.Starting))
        {
            throw new ArgumentOutOfRangeException(nameof(phase), phase, "Only the prepare and start steps can be retried.");
        }

        await context.GetResourceAsync(resourceType, name, cancellationToken).ConfigureAwait(false);
        await (phase == ComponentPhase.Preparing
            ? component.InvokePrepareAsync(context, cancellationToken)
            : component.InvokeStartAsync(context, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>
    /// Finishes a step whose user method returned a task that has not completed: awaits it, then
    /// runs <paramref name="finish"/> (which publishes the task's result). Generated wiring uses it so
    /// that an async step (<c>[return: Resource] async Task&lt;T&gt; StartAsync(…)</c>) costs no
    /// async state machine of its own per component: one serves them all.
    /// </summary>
    /// <param name="step">The task the user's step method returned.</param>
    /// <param name="component">The component whose step it is, passed to <paramref name="finish"/>.</param>
    /// <param name="context">The context the step runs in, passed to <paramref name="finish"/>.</param>
    /// <param name="finish">Publishes what the step produced; a static lambda, so nothing is allocated for it.</param>
    public static async ValueTask AfterStepAsync(Task step, Component component, Context context, Action<Task, Component, Context> finish)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(finish);
        await step.ConfigureAwait(false);
        finish(step, component, context);
    }

    /// <summary>The same for a resource type known at compile time.</summary>
    /// <inheritdoc cref="AfterResourceAsync(Component, Context, Type, string, ComponentPhase, CancellationToken)"/>
    public static ValueTask AfterResourceAsync<TResource>(
        Component component, Context context, string name, ComponentPhase phase, CancellationToken cancellationToken) =>
        AfterResourceAsync(component, context, typeof(TResource), name, phase, cancellationToken);
}
