namespace Asphalt;

/// <summary>
/// Lets a start-up step be written without an async state machine of its own: it takes what is
/// already published synchronously and, when a resource is missing, hands over to
/// <see cref="AfterResourceAsync{TResource, TComponent}"/>, which waits for it and runs the step again.
/// Generated wiring uses it so that each component costs no async machinery in the binary; the one
/// generic instantiation for reference types is shared by every component.
/// </summary>
/// <example>
/// <code>
/// public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
/// {
///     if (!context.TryGetResource&lt;IDatabase&gt;("default", out var db))
///     {
///         return StepRetry.AfterResourceAsync&lt;IDatabase, MyComponent&gt;(this, context, "default", cancellationToken,
///             static (self, context, cancellationToken) =&gt; self.StartAsync(context, cancellationToken));
///     }
///
///     context.AddResource(new Repository(db));
///     return ValueTask.CompletedTask;
/// }
/// </code>
/// </example>
public static class StepRetry
{
    /// <summary>
    /// Waits until <typeparamref name="TResource"/> <paramref name="name"/> is published (or created by
    /// its async factory), then runs <paramref name="step"/> again. The wait is recorded for the
    /// start-timeout report like any <see cref="Context.GetResourceAsync{T}(string, CancellationToken)"/>.
    /// </summary>
    public static async ValueTask AfterResourceAsync<TResource, TComponent>(
        TComponent component,
        Context context,
        string name,
        CancellationToken cancellationToken,
        Func<TComponent, Context, CancellationToken, ValueTask> step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        await context.GetResourceAsync<TResource>(name, cancellationToken).ConfigureAwait(false);
        await step(component, context, cancellationToken).ConfigureAwait(false);
    }
}
