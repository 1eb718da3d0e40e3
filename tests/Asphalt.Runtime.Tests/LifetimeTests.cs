using Asphalt.Runtime.Tests.Support;
using Asphalt.Tests.Shared;

namespace Asphalt.Runtime.Tests;

[Collection(nameof(ApplicationTests))] // The runner sets process-wide logging: not in parallel with other runner tests.
public sealed class LifetimeTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task Stop_requested_by_a_component_with_an_exit_code_is_the_process_exit_code()
    {
        using var process = RealProcess.StartDotnet("RunnerApp.dll", ["3"]);
        await process.WaitForExitAsync(Generous);

        Assert.True(process.ExitCode == 3, $"exit code {process.ExitCode}; output:\n{process.StandardOutput}{process.StandardError}");
        Assert.Contains("Application stopped (exit code 3)", process.StandardOutput);
    }

    [Fact]
    public async Task Stop_request_during_start_up_still_exits_with_its_code()
    {
        var root = new LambdaComponent(start: (ctx, _) =>
        {
            ctx.Lifetime.StopApplication(4);
            ctx.Lifetime.StopApplication(5); // The first request counts.
            return ValueTask.CompletedTask;
        });

        Assert.Equal(4, await Application.RunAsync(root, Options()));
    }

    [Fact]
    public async Task Started_stopping_and_stopped_fire_in_order_around_run_and_teardown()
    {
        var events = new Support.EventLog();
        var lifetime = new ApplicationLifetime();
        var root = new LambdaCliComponent((ctx, _) =>
        {
            events.Add($"run ({ctx.Lifetime.State})");
            return Task.FromResult<int?>(0);
        });
        lifetime.Started.Register(() => events.Add("started"));
        lifetime.Stopping.Register(() => events.Add("stopping"));
        lifetime.Stopped.Register(() => events.Add("stopped"));
        var child = new LambdaComponent(start: (ctx, _) =>
        {
            events.Add($"start ({ctx.Lifetime.State})");
            ctx.AddTeardown(() => events.Add($"teardown ({ctx.Lifetime.State})"));
            return ValueTask.CompletedTask;
        });
        root.AddComponent("child", child);

        var options = Options();
        options.Lifetime = lifetime;
        Assert.Equal(0, await Application.RunAsync(root, options));

        Assert.Equal(["start (Starting)", "started", "run (Running)", "stopping", "teardown (Stopping)", "stopped"], events.Events);
        Assert.Equal(ApplicationState.Stopped, lifetime.State);
        Assert.Equal(0, lifetime.ExitCode);
    }

    [Fact]
    public async Task Readiness_is_false_while_starting_true_while_running_and_false_during_teardown()
    {
        ApplicationHealth? duringStart = null, whileRunning = null, duringTeardown = null, liveWhileRunning = null;
        var root = new LambdaCliComponent(async (ctx, ct) =>
        {
            whileRunning = await ctx.Lifetime.CheckReadinessAsync(ct);
            liveWhileRunning = ctx.Lifetime.CheckLiveness();
            return 0;
        });
        root.AddComponent("db", new LambdaComponent(start: async (ctx, ct) =>
        {
            ctx.Lifetime.AddHealthCheck("app/db", _ => ValueTask.FromResult(ComponentHealth.Healthy("pings")));
            duringStart = await ctx.Lifetime.CheckReadinessAsync(ct);
            ctx.AddTeardown(async () => duringTeardown = await ctx.Lifetime.CheckReadinessAsync());
        }));

        Assert.Equal(0, await Application.RunAsync(root, Options()));

        Assert.False(duringStart!.IsHealthy);
        Assert.Equal("Not ready: the application is starting", duringStart.Description);
        Assert.True(whileRunning!.IsHealthy, whileRunning.Description);
        Assert.Equal(ComponentHealth.Healthy("pings"), whileRunning.Checks["app/db"]);
        Assert.True(liveWhileRunning!.IsHealthy);
        Assert.False(duringTeardown!.IsHealthy);
        Assert.Equal(ApplicationState.Stopping, duringTeardown.State);
    }

    [Fact]
    public async Task A_component_check_that_fails_or_throws_makes_the_application_not_ready_and_names_it()
    {
        ApplicationHealth? health = null;
        var root = new LambdaCliComponent(async (ctx, ct) =>
        {
            health = await ctx.Lifetime.CheckReadinessAsync(ct);
            return 0;
        });
        root.AddComponent("db", new LambdaComponent(start: (ctx, _) =>
        {
            ctx.Lifetime.AddHealthCheck("app/db", _ => ValueTask.FromResult(ComponentHealth.Unhealthy("no answer from the database")));
            ctx.Lifetime.AddHealthCheck("app/cache", _ => throw new InvalidOperationException("password=hunter2"));
            ctx.Lifetime.AddHealthCheck("app/web", _ => ValueTask.FromResult(ComponentHealth.Healthy()));
            return ValueTask.CompletedTask;
        }));

        await Application.RunAsync(root, Options());

        Assert.False(health!.IsHealthy);
        Assert.Equal("Not ready: 'app/cache', 'app/db' reported unhealthy", health.Description);
        Assert.Equal("no answer from the database", health.Checks["app/db"].Description);
        Assert.Equal("The check threw InvalidOperationException", health.Checks["app/cache"].Description); // Never the message: it may hold a secret.
    }

    [Fact]
    public async Task A_root_context_made_by_hand_drives_its_own_lifetime_so_readiness_means_what_it_means_under_the_runner()
    {
        var context = new Context();
        ApplicationHealth? duringStart = null;
        ApplicationHealth? duringTeardown = null;
        var root = new LambdaComponent(start: async (ctx, ct) =>
        {
            duringStart = await ctx.Lifetime.CheckReadinessAsync(ct);
            ctx.AddTeardown(async () => duringTeardown = await ctx.Lifetime.CheckReadinessAsync());
        });

        await context.StartComponentAsync(root).WaitAsync(Generous);
        Assert.Equal(ApplicationState.Starting, duringStart?.State);
        Assert.False(duringStart?.IsHealthy);
        Assert.Equal(ApplicationState.Running, context.Lifetime.State);
        Assert.True((await context.Lifetime.CheckReadinessAsync()).IsHealthy);

        // A child context's close is no teardown of the application.
        await new Context(context).CloseAsync().WaitAsync(Generous);
        Assert.Equal(ApplicationState.Running, context.Lifetime.State);

        await context.CloseAsync().WaitAsync(Generous);
        Assert.Equal(ApplicationState.Stopping, duringTeardown?.State);
        Assert.False(duringTeardown?.IsHealthy);
        Assert.Equal(ApplicationState.Stopped, context.Lifetime.State);
        Assert.Equal(0, context.Lifetime.ExitCode);
    }

    [Fact]
    public async Task A_crashed_service_task_makes_liveness_and_readiness_fail_naming_the_task()
    {
        var lifetime = new ApplicationLifetime();
        var root = new LambdaComponent(start: (ctx, _) =>
        {
            var started = ctx.Lifetime.Started;
            ctx.StartServiceTask("poller", async _ =>
            {
                var running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                using (started.Register(() => running.TrySetResult()))
                {
                    await running.Task;
                }

                throw new IOException("connection lost");
            });
            return ValueTask.CompletedTask;
        });
        var options = Options();
        options.Lifetime = lifetime;

        Assert.Equal(1, await Application.RunAsync(root, options).WaitAsync(Generous));

        var live = lifetime.CheckLiveness();
        Assert.False(live.IsHealthy);
        Assert.Equal("Service task 'poller' of component 'app' crashed", live.Description);
        Assert.False((await lifetime.CheckReadinessAsync()).IsHealthy);
        Assert.Equal("poller", lifetime.Crash?.TaskName);
    }

    [Fact]
    public async Task A_throwing_stopping_callback_is_logged_teardown_still_runs_and_the_exit_code_is_1()
    {
        var tornDown = false;
        var root = new LambdaComponent(start: (ctx, _) =>
        {
            ctx.Lifetime.Stopping.Register(() => throw new InvalidOperationException("callback broke"));
            ctx.AddTeardown(() => tornDown = true);
            ctx.Lifetime.StopApplication();
            return ValueTask.CompletedTask;
        });

        Assert.Equal(1, await Application.RunAsync(root, Options()));

        Assert.True(tornDown);
        Assert.Contains(_logs.Records, r => r.Message.StartsWith("A callback on the lifetime's Stopping token failed", StringComparison.Ordinal)
            && r.Exception?.Message == "callback broke");
    }

    [Fact]
    public void Two_checks_with_one_name_are_refused()
    {
        var lifetime = new Context().Lifetime;
        lifetime.AddHealthCheck("app/db", _ => ValueTask.FromResult(ComponentHealth.Healthy()));
        var error = Assert.Throws<ArgumentException>(() => lifetime.AddHealthCheck("app/db", _ => ValueTask.FromResult(ComponentHealth.Healthy())));
        Assert.StartsWith("A health check named 'app/db' was added already", error.Message);
    }

    private ApplicationOptions Options() => new()
    {
        LoggerFactory = _logs.CreateFactory(),
        HandleStopSignals = false,
        StartTimeout = Generous,
    };
}
