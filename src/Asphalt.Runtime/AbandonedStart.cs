namespace Asphalt;

/// <summary>
/// A start-up that the start timeout or a stop request gave up waiting for while some step still
/// ran (it ignored its cancellation token or blocked its thread). Closing the context waits for it
/// first, so what it publishes or registers late is torn down too.
/// </summary>
internal sealed class AbandonedStart(Task completion, ComponentNode root)
{
    /// <summary>Completes when every step of the abandoned start-up has returned.</summary>
    public Task Completion { get; } = completion;

    /// <summary>What is still running, for the stop-timeout message: the components that have not started.</summary>
    public string Describe()
    {
        List<PendingComponent> pending = [];
        root.CollectPending(pending);

        // The deepest components are the ones actually stuck; their parents only wait for them.
        var stuck = new List<string>();
        foreach (var component in pending)
        {
            if (component.Phase is ComponentPhase.Preparing or ComponentPhase.Starting)
            {
                stuck.Add($"'{component.Path}'");
            }
        }

        return stuck.Count switch
        {
            0 => "the abandoned start-up",
            1 => $"the abandoned start-up of component {stuck[0]}",
            _ => $"the abandoned start-up of components {string.Join(", ", stuck)}",
        };
    }
}
