namespace Asphalt;

// Whether every component of the tree started in this context has run its prepare step.
public sealed partial class Context
{
    private PreparationProgress? _preparation; // On the root context.

    /// <summary>
    /// Completes once every component of the tree being started in this context (or its root) has
    /// returned from its prepare step; completed when no tree is being started.
    /// </summary>
    /// <remarks>
    /// A component whose start step must see what the whole tree contributed in prepare steps (the web
    /// server maps every contributed endpoint before it accepts requests) awaits this. Prepare steps
    /// of siblings and their descendants run concurrently with the component's own start step, so
    /// nothing else orders them. A prepare step that waits for what such a component publishes in its
    /// start step deadlocks until the start timeout, whose report names both.
    /// </remarks>
    public Task AllPrepared => Root._preparation?.Completed ?? Task.CompletedTask;

    internal PreparationProgress TrackPreparation(int components) => Root._preparation = new PreparationProgress(components);
}
