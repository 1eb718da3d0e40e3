namespace Asphalt;

/// <summary>One pending wait for a resource; registered in every context of the requester's chain.</summary>
internal sealed class ResourceWaiter(ResourceKey key)
{
    private readonly TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ResourceKey Key { get; } = key;

    public Task Published => _signal.Task;

    public void Wake() => _signal.TrySetResult();

    public void Fail(Exception exception) => _signal.TrySetException(exception);
}
