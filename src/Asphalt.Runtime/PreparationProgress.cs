namespace Asphalt;

/// <summary>
/// Counts the prepare steps of a tree being started and completes once all of them returned, for
/// <see cref="Context.AllPrepared"/>.
/// </summary>
internal sealed class PreparationProgress
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining;

    public PreparationProgress(int components)
    {
        _remaining = components;
        if (components == 0)
        {
            _completed.SetResult();
        }
    }

    public Task Completed => _completed.Task;

    public void OnePrepared()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _completed.TrySetResult();
        }
    }
}
