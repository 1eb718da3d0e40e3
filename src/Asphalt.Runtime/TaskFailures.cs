using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>The one place a failed service task or factory task meets its <see cref="TaskFailurePolicy"/>.</summary>
internal static class TaskFailures
{
    /// <summary>
    /// Counts and logs the failure and, under <see cref="TaskFailurePolicy.StopApplication"/>, reports it to
    /// the application, which stops, and to its health (liveness and readiness fail). Returns whether the application was told.
    /// </summary>
    public static bool Report(Context context, ILogger logger, ServiceTaskFailedException failure, string? ownerPath, TaskFailurePolicy policy, TimeSpan restartIn = default)
    {
        AsphaltTelemetry.CountTaskCrash(failure.TaskName, ownerPath);
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
                Log.ServiceTaskCrashed(logger, failure.TaskName, failure.Component, error);
                context.Root.Lifetime.ReportCrash(failure); // Liveness and readiness fail from now on.
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
