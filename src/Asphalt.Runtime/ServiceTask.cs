using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// A long-running task bound to a context (Asphalt 5's service task). Teardown cancels it and
/// waits for it. If it crashes while the application runs, the crash is logged with the task's and
/// the component's names and the application stops with exit code 1: nothing fails silently.
/// </summary>
public sealed class ServiceTask
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Context _context;
    private readonly ILogger _logger;
    private volatile bool _crashReported;

    private ServiceTask(string name, string owner, Context context)
    {
        Name = name;
        Owner = owner;
        _context = context;
        _logger = context.LoggerFactory.CreateLogger("Asphalt.ServiceTask");
    }

    /// <summary>The task's name, used in log messages.</summary>
    public string Name { get; }

    /// <summary>Who started the task (a component path, or a description).</summary>
    public string Owner { get; }

    /// <summary>Completes when the task ends.</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    internal static ServiceTask Start(Context context, string name, Func<CancellationToken, Task> work)
    {
        var path = ComponentNode.Current?.Path;
        var task = new ServiceTask(name, path is null ? "code outside any component" : $"component '{path}'", context);
        Log.ServiceTaskStarted(task._logger, path ?? "-", name);

        // The task exists before teardown can see it, and starts only once teardown is registered,
        // so a concurrent close always cancels and awaits the real task.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var owner = ComponentNode.Current;
        task.Completion = Task.Run(async () =>
        {
            ComponentNode.Current = owner?.ForServiceTask(); // Flows into this task only.
            await registered.Task.ConfigureAwait(false);
            await task.RunAsync(work).ConfigureAwait(false);
        });
        try
        {
            context.AddTeardown(_ => task.StopAsync(), $"cancellation of service task '{name}'");
        }
        catch (Exception error)
        {
            registered.SetException(error); // Never runs: the context refused it.
            _ = task.Completion.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            throw;
        }

        registered.SetResult();
        return task;
    }

    private async Task RunAsync(Func<CancellationToken, Task> work)
    {
        try
        {
            await work(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Cancelled by teardown: a normal end.
        }
        catch (Exception error) when (!_stop.IsCancellationRequested)
        {
            var failure = new ServiceTaskFailedException(Name, Owner, error);
            Log.ServiceTaskCrashed(_logger, Name, Owner, error);
            _context.Root.Lifetime.ReportCrash(failure); // Liveness and readiness fail from now on.
            if (_context.Root.ServiceTaskFailureHandler is { } handler)
            {
                _crashReported = true;
                handler(failure);
            }

            throw failure;
        }
    }

    private async ValueTask StopAsync()
    {
        Log.ServiceTaskCancelling(_logger, Name, Owner);
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await Completion.ConfigureAwait(false);
        }
        catch (ServiceTaskFailedException) when (_crashReported)
        {
            // Already logged and reported to the application, which stopped because of it.
        }
        finally
        {
            _stop.Dispose();
        }
    }
}
