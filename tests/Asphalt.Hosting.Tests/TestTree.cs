namespace Asphalt.Hosting.Tests;

/// <summary>What the test tree's components report and wait on; a host service they take with [FromServices].</summary>
public sealed class Probe
{
    public TaskCompletionSource StartEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource ReleaseStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Func<Task>? DuringTeardown { get; set; }

    public List<string> Events { get; } = [];
}

/// <summary>The root: a store child; its resources reach the host as keyed services.</summary>
[Component]
[ChildComponent<StoreComponent>("store")]
public sealed partial class TestApp;

/// <summary>Publishes a <see cref="MessageStore"/> named <c>messages</c>; takes the host's <see cref="Probe"/>.</summary>
[Component("store")]
public sealed partial class StoreComponent
{
    [return: Resource("messages")]
    public async Task<MessageStore> StartAsync(Context context, [FromServices] Probe probe)
    {
        probe.StartEntered.TrySetResult();
        await probe.ReleaseStart.Task;
        context.AddTeardown(async () =>
        {
            if (probe.DuringTeardown is { } during)
            {
                await during();
            }

            probe.Events.Add("store torn down");
        });
        return new MessageStore(["hello"]);
    }
}

/// <summary>A resource.</summary>
public sealed record MessageStore(IReadOnlyList<string> Messages);

/// <summary>A root that takes a host service nobody registered.</summary>
[Component]
public sealed partial class NeedsClockApp
{
    public void StartAsync([FromServices] TimeProvider clock) => _ = clock;
}
