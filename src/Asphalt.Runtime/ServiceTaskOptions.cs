namespace Asphalt;

/// <summary>How a service task is stopped and what happens when it fails (Asphalt 5's service task options).</summary>
public sealed class ServiceTaskOptions
{
    /// <summary>What happens when the task throws (default <see cref="TaskFailurePolicy.StopApplication"/>).</summary>
    public TaskFailurePolicy FailurePolicy { get; set; } = TaskFailurePolicy.StopApplication;

    /// <summary>With <see cref="TaskFailurePolicy.Restart"/>: the delay before the first restart (default 1 s).</summary>
    public TimeSpan RestartDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>With <see cref="TaskFailurePolicy.Restart"/>: the longest delay between restarts (default 60 s).</summary>
    public TimeSpan MaxRestartDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The teardown action: asks the task to stop gracefully (close a listener, complete a queue)
    /// instead of cancelling its token; teardown then waits for the task to end. Null (the default)
    /// cancels the token. The application's stop timeout bounds the wait either way.
    /// </summary>
    public Func<ValueTask>? TeardownAction { get; set; }

    internal void Validate()
    {
        if (RestartDelay <= TimeSpan.Zero || MaxRestartDelay < RestartDelay)
        {
            throw new ArgumentException(
                $"ServiceTaskOptions: RestartDelay ({RestartDelay}) must be positive and MaxRestartDelay ({MaxRestartDelay}) at least as long.");
        }
    }
}
