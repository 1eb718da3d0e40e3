namespace Asphalt;

/// <summary>
/// Handed to a service task started with <see cref="Context.StartServiceTaskAsync"/>: the task calls
/// <see cref="SetReady"/> once it can serve (its socket listens, its cache is warm), and the start
/// step awaiting the task goes on from there.
/// </summary>
public sealed class ServiceTaskStatus
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal ServiceTaskStatus()
    {
    }

    /// <summary>Whether the task said it is ready.</summary>
    public bool IsReady => _ready.Task.IsCompleted;

    internal Task Ready => _ready.Task;

    /// <summary>Says the task is ready. Calling it again (after a restart, say) has no effect.</summary>
    public void SetReady() => _ready.TrySetResult();

    internal void Fail(Exception error) => _ready.TrySetException(error);
}
