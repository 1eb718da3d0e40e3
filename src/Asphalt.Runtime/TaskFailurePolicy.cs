namespace Asphalt;

/// <summary>What happens when a service task or a task of a <see cref="ContextTaskFactory"/> ends with an exception.</summary>
/// <remarks>
/// A task that ends because teardown cancelled it (an <see cref="OperationCanceledException"/> once
/// its token is cancelled) has not failed, whatever the policy. Every failure is logged at Error
/// level with the task's and the component's names, and counted in the
/// <see cref="AsphaltTelemetry.TaskCrashes"/> metric.
/// </remarks>
public enum TaskFailurePolicy
{
    /// <summary>Log the failure and stop the application with exit code 1 (the default: nothing fails silently).</summary>
    StopApplication,

    /// <summary>Log the failure; the application goes on without the task.</summary>
    Log,

    /// <summary>
    /// Service tasks only: log the failure and start the task again after a delay that doubles after
    /// each failure (<see cref="ServiceTaskOptions.RestartDelay"/> up to
    /// <see cref="ServiceTaskOptions.MaxRestartDelay"/>), and returns to the first delay once a run
    /// has lasted longer than the longest delay.
    /// </summary>
    Restart,
}
