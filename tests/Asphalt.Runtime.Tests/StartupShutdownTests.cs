using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

/// <summary>
/// Start-up and shutdown under hostile steps: a step that blocks its thread or ignores its token
/// cannot hold the runner past the start timeout or a stop request. Each test holds the step
/// blocked until it has seen what the runner did, so nothing depends on timing.
/// </summary>
// One collection with ApplicationTests: these tests hold pool threads blocked on purpose, which
// must not delay the pool threads that ApplicationTests' short stop timeouts are measured against.
[Collection(nameof(ApplicationTests))]
public sealed class StartupShutdownTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(20);
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task A_start_step_that_blocks_its_thread_cannot_outlast_the_start_timeout()
    {
        using var release = new ManualResetEventSlim();
        using var cleanup = new CancellationTokenSource();
        var root = new LambdaComponent().With("blocker", new LambdaComponent(start: (_, _) =>
        {
            release.Wait(TimeSpan.FromSeconds(30)); // Like Thread.Sleep in StartAsync: the thread itself is stuck.
            return ValueTask.CompletedTask;
        }));
        var options = Options();
        options.StartTimeout = TimeSpan.FromMilliseconds(200);

        var run = Application.RunAsync(root, options, cleanup.Token);
        try
        {
            var report = await _logs.WaitForAsync(r => r.Message.StartsWith("Timed out after 0.2 s", StringComparison.Ordinal), Generous);

            Assert.False(release.IsSet);
            Assert.Contains("app/blocker (Asphalt.Runtime.Tests.Support.LambdaComponent): starting", report.Message);
        }
        finally
        {
            release.Set();
            cleanup.Cancel();
        }

        Assert.Equal(1, await run.WaitAsync(Generous));
        Assert.DoesNotContain("Application started", _logs.Messages);
    }

    [Fact]
    public async Task A_stop_request_abandons_a_start_step_that_blocks_its_thread()
    {
        using var release = new ManualResetEventSlim();
        using var stop = new CancellationTokenSource();
        var root = new LambdaComponent(start: (_, _) =>
        {
            stop.Cancel(); // SIGTERM arrives while this step runs...
            release.Wait(TimeSpan.FromSeconds(30)); // ...and the step blocks without looking at its token.
            return ValueTask.CompletedTask;
        });
        var options = Options();
        options.StartTimeout = Timeout.InfiniteTimeSpan;

        var run = Application.RunAsync(root, options, stop.Token);
        try
        {
            await _logs.WaitForAsync(r => r.Message == "Start-up was cancelled by a stop request", Generous);
            Assert.False(release.IsSet);
        }
        finally
        {
            release.Set();
        }

        Assert.Equal(Application.ExitSuccess, await run.WaitAsync(Generous));
        Assert.DoesNotContain("Application started", _logs.Messages);
        Assert.Equal("Application stopped (exit code 0)", _logs.Messages.Last());
    }

    [Fact]
    public async Task A_stop_request_during_a_start_step_that_ignores_its_token_exits_0_without_waiting_for_it()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var root = new LambdaComponent().With("slow", new LambdaComponent(start: async (_, _) =>
        {
            stop.Cancel();
            await release.Task; // Ignores the cancellation token.
        }));
        var options = Options();
        options.StartTimeout = Timeout.InfiniteTimeSpan;

        var run = Application.RunAsync(root, options, stop.Token);
        try
        {
            await _logs.WaitForAsync(r => r.Message == "Start-up was cancelled by a stop request", Generous);
            Assert.False(release.Task.IsCompleted);
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.Equal(Application.ExitSuccess, await run.WaitAsync(Generous));
        Assert.DoesNotContain("Application started", _logs.Messages);
    }

    [Fact]
    public async Task A_service_task_crash_during_start_up_is_reported_as_the_cause()
    {
        var log = new EventLog();
        var root = new LambdaComponent().With("worker", new LambdaComponent(start: async (ctx, ct) =>
        {
            ctx.AddTeardown(e => log.Add($"teardown saw {e?.GetType().Name}: {e?.Message}"));
            ctx.StartServiceTask("poller", _ => Task.FromException(new IOException("upstream refused")));
            await ctx.GetResourceAsync<IGreeter>("never", ct); // Ends only when the crash stops start-up.
        }));

        Assert.Equal(1, await Application.RunAsync(root, Options()).WaitAsync(Generous));

        Assert.Equal(["teardown saw ServiceTaskFailedException: Service task 'poller' of component 'app/worker' crashed: IOException: upstream refused"], log.Events);
        Assert.DoesNotContain("Start-up was cancelled by a stop request", _logs.Messages);
        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Error && r.Category == "Asphalt.Application"
            && r.Message == "Start-up failed: Service task 'poller' of component 'app/worker' crashed: IOException: upstream refused");
    }

    [Fact]
    public async Task What_a_step_abandoned_at_the_start_timeout_registers_late_is_torn_down_too()
    {
        var log = new EventLog();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var root = new LambdaComponent().With("late", new LambdaComponent(start: async (ctx, _) =>
        {
            await release.Task; // Ignores its token: it goes on after the timeout.
            ctx.AddResource(new TrackedDisposable(log, "late resource"), "late", owned: true);
            ctx.AddTeardown(e => log.Add($"late teardown saw {e?.GetType().Name}"));
        }));
        var options = Options();
        options.StartTimeout = TimeSpan.FromMilliseconds(200);

        var run = Application.RunAsync(root, options);
        try
        {
            await _logs.WaitForAsync(r => r.Message.StartsWith("Timed out after 0.2 s", StringComparison.Ordinal), Generous);
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.Equal(1, await run.WaitAsync(Generous));
        Assert.Equal(["late teardown saw ComponentStartTimeoutException", "dispose late resource"], log.Events);
    }

    [Fact]
    public async Task An_abandoned_start_that_never_ends_is_bounded_by_the_stop_timeout_and_named()
    {
        var never = new TaskCompletionSource();
        var root = new LambdaComponent().With("stuck", new LambdaComponent(start: async (_, _) => await never.Task));
        var options = Options();
        options.StartTimeout = TimeSpan.FromMilliseconds(100);
        options.StopTimeout = TimeSpan.FromMilliseconds(100);

        Assert.Equal(1, await Application.RunAsync(root, options).WaitAsync(Generous));

        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Error
            && r.Message == "Teardown did not finish within 0.1 s; still running: the abandoned start-up of component 'app/stuck'");
    }

    [Fact]
    public async Task A_resource_wait_after_start_up_warns_at_a_growing_interval_naming_what_is_published()
    {
        var context = new TaskCompletionSource<Context>(TaskCreationOptions.RunContinuationsAsynchronously);
        var root = new LambdaCliComponent(async (ctx, ct) =>
        {
            ctx.AddResource<IGreeter>(new Greeter(), "english");
            context.SetResult(ctx);
            await ctx.GetResourceAsync<IGreeter>("french", ct);
            return 0;
        });
        var options = Options();
        options.StartTimeout = TimeSpan.FromMilliseconds(100);

        var run = Application.RunAsync(root, options);
        await _logs.WaitForAsync(r => r.Message.Contains("has waited 0.2 s", StringComparison.Ordinal), Generous);
        (await context.Task).AddResource<IGreeter>(new Greeter("Bonjour"), "french");

        Assert.Equal(0, await run.WaitAsync(Generous));
        var warnings = _logs.Records.Where(r => r.Level == LogLevel.Warning && r.Message.Contains("has waited", StringComparison.Ordinal)).Select(r => r.Message).ToList();
        Assert.Equal(
            "Component 'app' has waited 0.1 s for resource Asphalt.Runtime.Tests.Support.IGreeter 'french' after start-up; "
            + "resources of that type are published as: 'english'. Check the name, or that the component that publishes it is configured.",
            warnings[0]);
        Assert.StartsWith("Component 'app' has waited 0.2 s for resource", warnings[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_start_is_one_readable_line_with_the_component_path_and_the_cause_first()
    {
        var root = new LambdaComponent().With("web", new LambdaComponent(start: (_, _) =>
            throw new ArgumentOutOfRangeException("port", 99999, "The port must be from 0 to 65535.")));

        Assert.Equal(1, await Application.RunAsync(root, Options()));

        var error = Assert.Single(_logs.Records, r => r.Level == LogLevel.Error);
        Assert.Equal(
            "Start-up failed: Component 'app/web' (Asphalt.Runtime.Tests.Support.LambdaComponent) failed while starting: "
            + "ArgumentOutOfRangeException: The port must be from 0 to 65535. (Parameter 'port')\nActual value was 99999.",
            error.Message);
        Assert.Null(error.Exception); // The stack trace is for Debug: the line above is what a user reads.
        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Debug && r.Exception is ComponentStartException { Path: "app/web" });
    }

    private ApplicationOptions Options() => new()
    {
        LoggerFactory = _logs.CreateFactory(),
        HandleStopSignals = false,
    };
}
