using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>The one place a failed service task or factory task meets its <see cref="TaskFailurePolicy"/>.</summary>
internal static class TaskFailures
{
    /// <summary>
    /// Counts and logs the failure and, under <see cref="TaskFailurePolicy.StopApplication"/>, reports it to
    /// the application, which stops, and to its health (liveness and readiness fail). Returns whether the application was told.
    /// <c>seriesName</c> is the task's name in metrics: a service task's own name, but a task factory's
    /// name for its tasks, whose own names (a client's address, say) would make a series each.
    /// </summary>
    public static bool Report(Context context, ILogger logger, ServiceTaskFailedException failure, string seriesName, string? ownerPath, TaskFailurePolicy policy, TimeSpan restartIn = default)
    {
        AsphaltTelemetry.CountTaskCrash(seriesName, ownerPath);
        var error = failure.InnerException!;
        switch (policy)
        {
            case TaskFailurePolicy.Log:
                Log.TaskCrashedLogged(logger, failure.TaskName, failure.Component, error);
                return false;
            case TaskFailurePolicy.Restart:
                Log.ServiceTaskRestarting(logger, failure.TaskName, failure.Component, restartIn.TotalSeconds, error);
                return false;
            default:
                context.Root.Lifetime.ReportCrash(failure); // Liveness and readiness fail from now on; before the log line, so who sees the line sees the crash.
                Log.ServiceTaskCrashed(logger, failure.TaskName, failure.Component, error);
                if (context.Root.ServiceTaskFailureHandler is { } handler)
                {
                    handler(failure);
                    return true;
                }

                return false;
        }
    }

    /// <summary>"component 'app/web'", or a description of code outside any component.</summary>
    public static string DescribeOwner(string? path) => path is null ? "code outside any component" : $"component '{path}'";
}
