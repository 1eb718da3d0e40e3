using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

[Collection(nameof(ApplicationTests))]
public sealed class ApplicationTests
{
    private readonly CapturingLoggerProvider _logs = new();

    [Theory]
    [InlineData(null, 0)]
    [InlineData(0, 0)]
    [InlineData(3, 3)]
    [InlineData(127, 127)]
    [InlineData(128, 1)]
    [InlineData(-1, 1)]
    public async Task Run_to_exit_code_rules(int? returned, int expected)
    {
        var exitCode = await Application.RunAsync(new LambdaCliComponent((_, _) => Task.FromResult(returned)), Options());

        Assert.Equal(expected, exitCode);
        var outOfRange = _logs.Records.Any(r => r.Level == LogLevel.Warning && r.Message.Contains("is out of range (0-127); exiting with 1"));
        Assert.Equal(expected == 1 && returned != 1, outOfRange);
    }

    [Fact]
    public async Task Clean_run_logs_start_teardown_and_stop_in_order()
    {
        var root = new LambdaCliComponent((ctx, _) =>
        {
            ctx.AddTeardown(() => ctx.LoggerFactory.CreateLogger("test").LogInformation("Teardown callback called"));
            return Task.FromResult<int?>(null);
        });

        Assert.Equal(0, await Application.RunAsync(root, Options()));

        Assert.Equal(
            ["Starting application", "Application started", "Teardown callback called", "Application stopped (exit code 0)"],
            _logs.Records.Where(r => r.Level >= LogLevel.Information).Select(r => r.Message));
    }

    [Fact]
    public async Task Exception_in_run_exits_1_and_still_tears_down()
    {
        var tornDown = false;
        var root = new LambdaCliComponent((ctx, _) =>
        {
            ctx.AddTeardown(e => tornDown = e is InvalidOperationException);
            throw new InvalidOperationException("run failed");
        });

        Assert.Equal(1, await Application.RunAsync(root, Options()));
        Assert.True(tornDown);
        Assert.Contains(_logs.Records, r => r.Message == "The application's RunAsync failed" && r.Exception?.Message == "run failed");
    }

    [Fact]
    public async Task Failed_start_exits_1_and_tears_down_what_had_started_with_the_error()
    {
        var log = new EventLog();
        var root = new LambdaComponent()
            .With("db", new LambdaComponent(start: (ctx, _) =>
            {
                ctx.AddTeardown(e => log.Add($"db teardown saw {e?.GetType().Name}"));
                return ValueTask.CompletedTask;
            }))
            .With("web", new LambdaComponent(start: async (ctx, _) =>
            {
                await Task.Yield();
                throw new InvalidOperationException("port in use");
            }));

        Assert.Equal(1, await Application.RunAsync(root, Options()));

        Assert.Equal(["db teardown saw ComponentStartException"], log.Events);
        Assert.Single(_logs.Records, r => r.Message == "Start-up failed: Component 'app/web' (Asphalt.Runtime.Tests.Support.LambdaComponent) failed while starting: InvalidOperationException: port in use");
        var details = Assert.Single(_logs.Records, r => r.Message == "Details of the start-up failure");
        Assert.Equal("app/web", Assert.IsType<ComponentStartException>(details.Exception).Path);
        Assert.Equal("Application stopped (exit code 1)", _logs.Messages.Last());
    }

    [Fact]
    public async Task Start_timeout_exits_1_and_logs_the_report()
    {
        var root = new LambdaComponent().With("stuck", new LambdaComponent(start: async (ctx, ct) =>
            await ctx.GetResourceAsync<IGreeter>("missing", ct)));
        var options = Options();
        options.StartTimeout = TimeSpan.FromMilliseconds(200);

        Assert.Equal(1, await Application.RunAsync(root, options));

        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Error
            && r.Message.Contains("app/stuck (Asphalt.Runtime.Tests.Support.LambdaComponent): starting, waiting for resource Asphalt.Runtime.Tests.Support.IGreeter 'missing'"));
    }

    [Fact]
    public async Task Service_task_crash_stops_the_application_with_exit_code_1_naming_task_and_component()
    {
        var cancelledOthers = false;
        var root = new LambdaComponent().With("worker", new LambdaComponent(start: (ctx, _) =>
        {
            ctx.StartServiceTask("healthy", async ct =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    cancelledOthers = true;
                }
            });
            ctx.StartServiceTask("poller", async _ =>
            {
                await Task.Delay(50);
                throw new IOException("upstream closed the connection");
            });
            return ValueTask.CompletedTask;
        }));

        var exitCode = await Application.RunAsync(root, Options()).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, exitCode);
        Assert.True(cancelledOthers);
        var crash = Assert.Single(_logs.Records, r => r.Level == LogLevel.Error && r.Message.Contains("crashed"));
        Assert.Equal("Service task 'poller' of component 'app/worker' crashed; stopping the application", crash.Message);
        Assert.IsType<IOException>(crash.Exception);
    }

    [Fact]
    public async Task Service_task_crashing_during_teardown_still_exits_1()
    {
        var root = new LambdaCliComponent((ctx, _) =>
        {
            // Registered first, so it is torn down last: the worker is still running while this one stops.
            ctx.StartServiceTask("worker", async ct =>
            {
                await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { }, TaskScheduler.Default);
            });
            var release = new TaskCompletionSource();
            ctx.StartServiceTask("fragile", async _ =>
            {
                await release.Task;
                throw new IOException("lost the connection while stopping");
            });
            ctx.AddTeardown(async () =>
            {
                release.SetResult();
                await Task.Delay(200);
            }, "slow flush");
            return Task.FromResult<int?>(0);
        });

        Assert.Equal(1, await Application.RunAsync(root, Options()).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains(_logs.Records, r => r.Message == "Service task 'fragile' of component 'app' crashed; stopping the application");
        Assert.Equal("Application stopped (exit code 1)", _logs.Messages.Last());
    }

    [Fact]
    public async Task Stop_request_tears_down_and_exits_0()
    {
        var log = new EventLog();
        using var stop = new CancellationTokenSource();
        var root = new LambdaComponent(start: (ctx, _) =>
        {
            ctx.StartServiceTask("loop", async ct =>
            {
                try
                {
                    await Task.Delay(Timeout.Infinite, ct);
                }
                finally
                {
                    log.Add("service task ended");
                }
            });
            ctx.AddTeardown(() => log.Add("teardown"));
            stop.CancelAfter(100);
            return ValueTask.CompletedTask;
        });

        Assert.Equal(0, await Application.RunAsync(root, Options(), stop.Token).WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(["teardown", "service task ended"], log.Events);
    }

    [Fact]
    public async Task Teardown_failure_exits_1_and_is_logged_with_its_owner()
    {
        var root = new LambdaCliComponent((ctx, _) =>
        {
            ctx.AddTeardown(() => throw new IOException("flush failed"), "flush of the journal");
            return Task.FromResult<int?>(0);
        });

        Assert.Equal(1, await Application.RunAsync(root, Options()));
        Assert.Contains(_logs.Records, r => r.Level == LogLevel.Error && r.Message == "Teardown: flush of the journal (registered by component 'app') failed: IOException: flush failed");
    }

    [Fact]
    public async Task Stop_timeout_names_the_teardown_step_that_hangs()
    {
        var root = new LambdaCliComponent((ctx, _) =>
        {
            ctx.AddTeardown(async () => await Task.Delay(Timeout.Infinite), "drain of the queue");
            return Task.FromResult<int?>(0);
        });
        var options = Options();
        options.StopTimeout = TimeSpan.FromMilliseconds(200);

        Assert.Equal(1, await Application.RunAsync(root, options));
        Assert.Contains(_logs.Records, r => r.Message.StartsWith("Teardown did not finish within 0.2 s; still running: drain of the queue", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Runtime_records_reach_a_structured_provider_with_their_properties_and_template()
    {
        Assert.Equal(0, await Application.RunAsync(new LambdaCliComponent((_, _) => Task.FromResult<int?>(0)), Options()));

        var stopped = Assert.Single(_logs.Records, r => r.Message == "Application stopped (exit code 0)");
        Assert.Equal(
            [new("ExitCode", 0), new("{OriginalFormat}", "Application stopped (exit code {ExitCode})")],
            stopped.Properties);
    }

    [Fact]
    public async Task A_teardown_step_that_blocks_its_thread_cannot_outlast_the_stop_timeout()
    {
        using var release = new ManualResetEventSlim();
        var root = new LambdaCliComponent((ctx, _) =>
        {
            // Blocks synchronously, like a Dispose that hangs; released by the test only after RunAsync returned.
            ctx.AddTeardown(() => release.Wait(TimeSpan.FromSeconds(30)), "stuck close of the store");
            return Task.FromResult<int?>(0);
        });
        var options = Options();
        options.StopTimeout = TimeSpan.FromMilliseconds(200);

        var exitCode = await Application.RunAsync(root, options).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.False(release.IsSet);
        release.Set();
        Assert.Equal(1, exitCode);
        Assert.Contains(_logs.Records, r => r.Message.StartsWith("Teardown did not finish within 0.2 s; still running: stuck close of the store", StringComparison.Ordinal));
    }

    [Fact]
    public void Exit_code_normalization_warns_on_the_callers_own_logger()
    {
        Assert.Equal(1, Application.NormalizeExitCode(300, _logs.CreateLogger("caller")));

        Assert.Contains(_logs.Records, r => r.Category == "caller" && r.Message == "Exit code 300 is out of range (0-127); exiting with 1 instead");
    }

    private ApplicationOptions Options() => new()
    {
        LoggerFactory = _logs.CreateFactory(),
        HandleStopSignals = false,
    };
}
