using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

/// <summary>
/// Asphalt 5's task model: service tasks that say when they are ready, teardown actions, failure
/// policies, and task factories whose tasks are bound to the context.
/// </summary>
public sealed class TaskModelTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task A_component_awaiting_a_ready_service_task_starts_only_once_the_task_said_it_is_ready()
    {
        var events = new EventLog();
        using var release = new SemaphoreSlim(0);
        var root = new LambdaComponent(start: async (context, ct) =>
        {
            await context.StartServiceTaskAsync("warm cache", async (status, token) =>
            {
                await release.WaitAsync(token);
                events.Add("ready");
                status.SetReady();
                await Task.Delay(Timeout.Infinite, token);
            }, cancellationToken: ct);
            events.Add("component started");
        });
        await using var context = new Context(_logs.CreateFactory());

        var start = context.StartComponentAsync(root, Generous);
        await _logs.WaitForAsync(r => r.Message.Contains("started service task 'warm cache'"), Generous);
        Assert.False(start.IsCompleted); // Waiting for the task, which waits for the release.
        release.Release();
        await start;

        Assert.Equal(["ready", "component started"], events.Events);
    }

    [Fact]
    public async Task A_service_task_that_never_gets_ready_runs_into_the_start_timeout_which_names_it()
    {
        var root = new LambdaComponent().With("cache", new LambdaComponent(start: async (context, ct) =>
            await context.StartServiceTaskAsync("warm cache", (_, token) => Task.Delay(Timeout.Infinite, token), cancellationToken: ct)));
        var context = new Context(_logs.CreateFactory());

        var timeout = await Assert.ThrowsAsync<ComponentStartTimeoutException>(() => context.StartComponentAsync(root, TimeSpan.FromMilliseconds(200)));
        await context.CloseAsync(timeout);

        Assert.Contains("app/cache (Asphalt.Runtime.Tests.Support.LambdaComponent): starting, waiting for service task 'warm cache' to be ready", timeout.Message);
        Assert.Equal("warm cache", Assert.Single(timeout.PendingComponents, p => p.Path == "app/cache").WaitingForTask);
    }

    [Fact]
    public async Task A_service_task_that_fails_before_it_is_ready_fails_the_start_with_its_cause()
    {
        var root = new LambdaComponent(start: async (context, ct) =>
            await context.StartServiceTaskAsync("connect", (_, _) => throw new IOException("broker unreachable"), new ServiceTaskOptions { FailurePolicy = TaskFailurePolicy.Log }, ct));
        var context = new Context(_logs.CreateFactory());

        var error = await Assert.ThrowsAsync<ComponentStartException>(() => context.StartComponentAsync(root, Generous));
        await context.CloseAsync(error);

        var cause = Assert.IsType<ServiceTaskFailedException>(error.InnerException);
        Assert.Equal("connect", cause.TaskName);
        Assert.IsType<IOException>(cause.InnerException);
    }

    [Fact]
    public async Task A_service_task_with_a_teardown_action_is_asked_to_stop_instead_of_cancelled_and_awaited()
    {
        var events = new EventLog();
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new Context(_logs.CreateFactory());
        context.StartServiceTask(
            "queue drainer",
            async token =>
            {
                await stopRequested.Task;
                events.Add(token.IsCancellationRequested ? "cancelled" : "drained without cancellation");
            },
            new ServiceTaskOptions
            {
                TeardownAction = () =>
                {
                    events.Add("teardown action");
                    stopRequested.SetResult();
                    return ValueTask.CompletedTask;
                },
            });

        await context.CloseAsync();

        Assert.Equal(["teardown action", "drained without cancellation"], events.Events);
    }

    [Fact]
    public async Task A_service_task_with_the_restart_policy_is_logged_and_restarted_until_it_runs()
    {
        var runs = 0;
        var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new Context(_logs.CreateFactory());
        context.StartServiceTask(
            "flaky poller",
            async token =>
            {
                if (Interlocked.Increment(ref runs) < 3)
                {
                    throw new IOException($"attempt {runs} failed");
                }

                running.SetResult();
                await Task.Delay(Timeout.Infinite, token);
            },
            new ServiceTaskOptions { FailurePolicy = TaskFailurePolicy.Restart, RestartDelay = TimeSpan.FromMilliseconds(10) });

        await running.Task.WaitAsync(Generous);
        await context.CloseAsync();

        Assert.Equal(3, runs);
        var restarts = _logs.Records.Where(r => r.Message.StartsWith("Service task 'flaky poller' of code outside any component failed; restarting it in", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, restarts.Count);
        Assert.Contains("restarting it in 0.01 s", restarts[0].Message);
        Assert.Contains("restarting it in 0.02 s", restarts[1].Message); // The delay doubles.
        Assert.All(restarts, r => Assert.Equal(LogLevel.Error, r.Level));
    }

    [Fact]
    public async Task Teardown_during_a_restart_back_off_ends_the_task_without_running_it_again()
    {
        // Found in review: with a teardown action, the back-off was only cancelled after the task
        // ended, so the work ran again after its stop action had been used, and teardown hung.
        var runs = 0;
        var failed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var context = new Context(_logs.CreateFactory());
        context.StartServiceTask(
            "reconnecting client",
            async _ =>
            {
                if (Interlocked.Increment(ref runs) == 1)
                {
                    failed.SetResult();
                    throw new IOException("connection refused");
                }

                await stopRequested.Task; // A later run ends only when asked to by the stop action.
            },
            new ServiceTaskOptions
            {
                FailurePolicy = TaskFailurePolicy.Restart,
                RestartDelay = TimeSpan.FromMinutes(10),
                MaxRestartDelay = TimeSpan.FromMinutes(10),
                TeardownAction = () =>
                {
                    stopRequested.TrySetResult();
                    return ValueTask.CompletedTask;
                },
            });

        await failed.Task.WaitAsync(Generous);
        await context.CloseAsync().WaitAsync(Generous);

        Assert.Equal(1, runs);
    }

    [Fact]
    public async Task A_factory_task_that_throws_under_the_log_policy_is_logged_with_its_names_and_the_application_goes_on()
    {
        var context = new Context(_logs.CreateFactory());
        ContextTaskFactory? factory = null;
        var root = new LambdaComponent().With("server", new LambdaComponent(start: (c, _) =>
        {
            factory = c.CreateTaskFactory("connections", TaskFailurePolicy.Log);
            return ValueTask.CompletedTask;
        }));
        await context.StartComponentAsync(root, Generous);

        await factory!.StartTask("client 1", _ => throw new InvalidDataException("bad frame")).Completion;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await factory.StartTask("client 2", _ =>
        {
            second.SetResult();
            return Task.CompletedTask;
        }).Completion;
        await context.CloseAsync();

        var failure = Assert.Single(_logs.Records, r => r.Level == LogLevel.Error);
        Assert.Equal("Task 'client 1' of task factory 'connections' of component 'app/server' failed; the application goes on without it (failure policy Log)", failure.Message);
        Assert.IsType<InvalidDataException>(failure.Exception);
        Assert.True(second.Task.IsCompleted);
    }

    [Fact]
    public async Task A_factory_task_that_throws_under_the_stop_policy_stops_the_application_with_exit_code_1()
    {
        var root = new LambdaComponent().With("server", new LambdaComponent(start: (context, _) =>
        {
            context.CreateTaskFactory("requests").StartTask("request 7", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("handler bug");
            });
            return ValueTask.CompletedTask;
        }));

        var exitCode = await Application.RunAsync(root, new ApplicationOptions { LoggerFactory = _logs.CreateFactory(), HandleStopSignals = false }).WaitAsync(Generous);

        Assert.Equal(1, exitCode);
        Assert.Contains(_logs.Messages, m => m == "Service task 'request 7' of task factory 'requests' of component 'app/server' crashed; stopping the application");
    }

    [Fact]
    public async Task Teardown_cancels_and_awaits_every_factory_task_still_running()
    {
        var events = new EventLog();
        var context = new Context(_logs.CreateFactory());
        var factory = context.CreateTaskFactory("connections");
        var started = new CountdownEvent(3);
        for (var i = 0; i < 3; i++)
        {
            var name = $"client {i}";
            factory.StartTask(name, async token =>
            {
                started.Signal();
                try
                {
                    await Task.Delay(Timeout.Infinite, token);
                }
                finally
                {
                    await Task.Yield(); // Still running after its cancellation: teardown must wait for this too.
                    events.Add($"{name} finished");
                }
            });
        }

        Assert.True(started.Wait(Generous));
        Assert.Equal(3, factory.RunningCount);
        await context.CloseAsync();

        Assert.Equal(["client 0 finished", "client 1 finished", "client 2 finished"], events.Events.Order());
        Assert.Equal(0, factory.RunningCount);
        var refused = Assert.Throws<InvalidOperationException>(() => factory.StartTask("late", _ => Task.CompletedTask));
        Assert.Contains("task factory 'connections' of code outside any component is closed", refused.Message);
    }
}
