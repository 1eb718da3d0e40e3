using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// A long-running task bound to a context (Asphalt 5's service task). Teardown stops it (cancels its
/// token, or runs its <see cref="ServiceTaskOptions.TeardownAction"/>) and waits for it. If it fails
/// while the application runs, its <see cref="ServiceTaskOptions.FailurePolicy"/> applies: by default
/// the failure is logged with the task's and the component's names and the application stops with
/// exit code 1, so nothing fails silently.
/// </summary>
public sealed class ServiceTask
{
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _backOff = new(); // Ends a restart back-off once teardown begins.
    private readonly Context _context;
    private readonly ILogger _logger;
    private readonly ServiceTaskOptions _options;
    private readonly ServiceTaskStatus _status = new();
    private readonly string? _ownerPath;
    private volatile bool _crashReported;
    private volatile bool _stopping;

    private ServiceTask(string name, string? ownerPath, Context context, ServiceTaskOptions options)
    {
        Name = name;
        _ownerPath = ownerPath;
        Owner = TaskFailures.DescribeOwner(ownerPath);
        _context = context;
        _options = options;
        _logger = context.LoggerFactory.CreateLogger("Asphalt.ServiceTask");
    }

    /// <summary>The task's name, used in log messages.</summary>
    public string Name { get; }

    /// <summary>Who started the task (a component path, or a description).</summary>
    public string Owner { get; }

    /// <summary>Completes when the task ends (after its last restart, under <see cref="TaskFailurePolicy.Restart"/>).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    /// <summary>Whether the task said it is ready (always true for a task started without readiness).</summary>
    public bool IsReady => _status.IsReady;

    internal Task Ready => _status.Ready;

    internal static ServiceTask Start(Context context, string name, Func<ServiceTaskStatus, CancellationToken, Task> work, ServiceTaskOptions? options, bool readyAtOnce)
    {
        options ??= new ServiceTaskOptions();
        options.Validate();
        var owner = ComponentNode.Current;
        var task = new ServiceTask(name, owner?.Path, context, options);
        if (readyAtOnce)
        {
            task._status.SetReady();
        }

        Log.ServiceTaskStarted(task._logger, owner?.Path ?? "-", name);

        // The task exists before teardown can see it, and starts only once teardown is registered,
        // so a concurrent close always stops and awaits the real task.
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        task.Completion = Task.Run(async () =>
        {
            ComponentNode.Current = owner?.ForServiceTask(); // Flows into this task only.
            await registered.Task.ConfigureAwait(false);
            using var scope = owner is null ? null : RuntimeLogger.BeginComponentScope(task._logger, owner.Path);
            await task.RunAsync(work).ConfigureAwait(false);
        });
        try
        {
            context.AddTeardown(_ => task.StopAsync(), $"{(options.TeardownAction is null ? "cancellation" : "teardown action")} of service task '{name}'");
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

    private async Task RunAsync(Func<ServiceTaskStatus, CancellationToken, Task> work)
    {
        var delay = _options.RestartDelay;
        while (true)
        {
            var began = Stopwatch.GetTimestamp();
            try
            {
                await work(_status, _stop.Token).ConfigureAwait(false);
                if (!_status.IsReady)
                {
                    _status.Fail(new InvalidOperationException($"Service task '{Name}' of {Owner} ended before it said it was ready."));
                }

                return;
            }
            catch (Exception) when (_stop.IsCancellationRequested || _stopping)
            {
                // Stopped by teardown: a normal end, whatever it threw on the way out. A step still
                // waiting for it to be ready is being abandoned too; it must not wait forever.
                _status.Fail(new OperationCanceledException($"Service task '{Name}' of {Owner} was stopped before it said it was ready."));
                return;
            }
            catch (Exception error)
            {
                var failure = new ServiceTaskFailedException(Name, Owner, error);
                if (_options.FailurePolicy != TaskFailurePolicy.Restart)
                {
                    _status.Fail(failure); // A start step still waiting for readiness fails with the cause.
                    _crashReported = TaskFailures.Report(_context, _logger, failure, failure.TaskName, _ownerPath, _options.FailurePolicy);
                    if (_options.FailurePolicy == TaskFailurePolicy.Log)
                    {
                        return;
                    }

                    throw failure;
                }

                if (Stopwatch.GetElapsedTime(began) > _options.MaxRestartDelay)
                {
                    delay = _options.RestartDelay; // It ran well for a while: this is a new run of bad luck.
                }

                TaskFailures.Report(_context, _logger, failure, failure.TaskName, _ownerPath, TaskFailurePolicy.Restart, delay);
                try
                {
                    // Cancelled as soon as teardown begins, before the teardown action runs: a run
                    // started after that would never be asked to stop.
                    await Task.Delay(delay, _backOff.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _status.Fail(new OperationCanceledException($"Service task '{Name}' of {Owner} was stopped before it said it was ready."));
                    return; // Teardown during the back-off.
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxRestartDelay.Ticks));
                if (_stopping)
                {
                    return; // Teardown began as the back-off ended.
                }
            }
        }
    }

    private async ValueTask StopAsync()
    {
        Log.ServiceTaskCancelling(_logger, Name, Owner);
        _stopping = true;
        await _backOff.CancelAsync().ConfigureAwait(false);
        try
        {
            if (_options.TeardownAction is { } action)
            {
                await action().ConfigureAwait(false);
            }
            else
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }

            await Completion.ConfigureAwait(false);
        }
        catch (ServiceTaskFailedException) when (_crashReported)
        {
            // Already logged and reported to the application, which stopped because of it.
        }
        finally
        {
            if (!_stop.IsCancellationRequested)
            {
                await _stop.CancelAsync().ConfigureAwait(false);
            }

            _stop.Dispose();
            _backOff.Dispose();
        }
    }
}
