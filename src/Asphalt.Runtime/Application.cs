using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Runs an application: sets up logging, starts the component tree under the start timeout, runs
/// until the root's <see cref="CliApplicationComponent.RunAsync"/> returns or SIGINT/SIGTERM arrives,
/// then tears everything down under the stop timeout and returns the process exit code.
/// </summary>
/// <remarks>
/// <para><b>Exit codes.</b> 0 when the application ends cleanly, and also when a stop request
/// (SIGINT/Ctrl+C, SIGTERM or the cancellation token) ends it, whether during start-up or after:
/// stopping was asked for, so it is not a failure. 1 when start-up fails or times out, a service
/// task crashes (also during start-up: the crash is the reported cause), <c>RunAsync</c> throws,
/// or teardown fails or outlasts the stop timeout. Otherwise the code a component passed to
/// <see cref="ApplicationLifetime.StopApplication"/> (the higher one if a run-to-exit root also returned
/// one), or a run-to-exit root's own code.</para>
/// <para><b>Abandonment.</b> Start-up steps run on the thread pool, never on the runner's thread,
/// so the start timeout and a stop request act on time even if a step blocks its thread or ignores
/// its cancellation token. Such a step is abandoned: the runner reports (naming the components still
/// starting) and goes on to teardown, which first waits for the abandoned step to return, so that
/// what it publishes or registers late is torn down too; that wait counts against the stop timeout.</para>
/// <para><b>Slow resource waits.</b> After start-up, a wait for a resource
/// (<see cref="Context.GetResourceAsync{T}(string, CancellationToken)"/>) that lasts longer than the
/// start timeout logs a warning naming the component, the resource and the names its type is
/// published under, then again each time the wait has lasted twice as long as at the last warning
/// (warnings at most an hour apart).</para>
/// <para><b>Start failures</b> are logged as one line (the component path and the cause first); the
/// exception with its stack trace follows at Debug level.</para>
/// </remarks>
/// <example>
/// <code>
/// return await Application.RunAsync(new MyRootComponent());
/// </code>
/// </example>
public static class Application
{
    /// <summary>The exit code of a clean stop, including a stop request (SIGINT, SIGTERM) during start-up.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The exit code of a failed or timed-out start, a crashed service task (also during start-up), or a failed or timed-out teardown.</summary>
    public const int ExitFailure = 1;

    /// <summary>Runs <paramref name="root"/> until it finishes or is stopped.</summary>
    /// <param name="root">The root component.</param>
    /// <param name="options">Timeouts and logging; defaults when null.</param>
    /// <param name="cancellationToken">Stops the application, like SIGTERM.</param>
    /// <returns>0 on a clean stop or a stop request (also during start-up); 1 on a failed or timed-out
    /// start, a crashed service task, a failed teardown or an exception from RunAsync; otherwise the
    /// run-to-exit component's code.</returns>
    public static Task<int> RunAsync(Component root, ApplicationOptions? options = null, CancellationToken cancellationToken = default) =>
        RunWithSignalsAsync(root, options, cancellationToken, earlySignals: null);

    /// <summary>
    /// <see cref="RunAsync(Component, ApplicationOptions?, CancellationToken)"/> with signal handling
    /// that the caller registered before it started (the command line, before loading the configuration).
    /// </summary>
    internal static async Task<int> RunWithSignalsAsync(Component root, ApplicationOptions? options, CancellationToken cancellationToken, StopSignals? earlySignals)
    {
        ArgumentNullException.ThrowIfNull(root);
        options ??= new ApplicationOptions();
        var ownsLogging = options.LoggerFactory is null;
        var loggerFactory = options.LoggerFactory ?? CreateConsoleLogging(options.MinimumLogLevel);
        var previousFactory = RuntimeLogging.Factory;
        RuntimeLogging.Factory = loggerFactory;
        var logger = loggerFactory.CreateLogger("Asphalt.Application");
        try
        {
            using var ownSignals = earlySignals is null && options.HandleStopSignals ? StopSignals.Register() : null;
            var signals = earlySignals ?? ownSignals;
            var lifetime = options.Lifetime ?? new ApplicationLifetime();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(
                cancellationToken, signals?.Token ?? CancellationToken.None, lifetime.StopRequested);
            ApplicationLog.Starting(logger);
            signals?.LogTo(logger); // Also logs a signal that arrived before the runner had a log.
            return await RunCoreAsync(root, options, lifetime, loggerFactory, logger, stop).ConfigureAwait(false);
        }
        finally
        {
            RuntimeLogging.Factory = previousFactory;
            if (ownsLogging)
            {
                loggerFactory.Dispose(); // Flushes the console logger's queue.
            }
        }
    }

    private static async Task<int> RunCoreAsync(
        Component root, ApplicationOptions options, ApplicationLifetime lifetime, ILoggerFactory loggerFactory, ILogger logger, CancellationTokenSource stop)
    {
        var context = Context.CreateForRunner(loggerFactory, lifetime, options.Services);
        using var current = context.MakeCurrent();
        var exitCode = ExitSuccess;
        Exception? failure = null;
        var started = false;
        var callbacksFailed = false; // A user's callback on a lifetime token threw: logged, and the exit code becomes 1.

        // Service tasks crash on other threads, possibly during teardown: the crash is kept apart and
        // folded into the exit code only once teardown is over.
        ServiceTaskFailedException? crashed = null;
        context.ServiceTaskFailureHandler = crash =>
        {
            if (Interlocked.CompareExchange(ref crashed, crash, null) is null)
            {
                try
                {
                    stop.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The application is already past its run; teardown will report the exit code.
                }
            }
        };

        try
        {
            await context.StartComponentAsync(root, options.StartTimeout, options.RootAlias, stop.Token).ConfigureAwait(false);
            started = true;
            ApplicationLog.Started(logger);
            callbacksFailed |= !Notify(lifetime.NotifyStarted, nameof(ApplicationLifetime.Started), logger);
            if (options.StartTimeout > TimeSpan.Zero && options.StartTimeout != Timeout.InfiniteTimeSpan)
            {
                context.SlowResourceWaitWarning = options.StartTimeout; // From now on a long wait is no start-up wait: say so.
            }

            if (root is CliApplicationComponent cli)
            {
                var code = await RunRootAsync(cli, context, stop.Token).ConfigureAwait(false);
                exitCode = Math.Max(exitCode, NormalizeExitCodeCore(code, logger));
            }
            else
            {
                await WaitForStopAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (ComponentStartTimeoutException timeout)
        {
            ApplicationLog.StartTimedOut(logger, timeout.Message);
            lifetime.ReportStartFailure(timeout.Message);
            (failure, exitCode) = (timeout, ExitFailure);
        }
        catch (ComponentStartException error)
        {
            ApplicationLog.StartFailed(logger, error);
            lifetime.ReportStartFailure(ApplicationLog.StartFailureText(error));
            (failure, exitCode) = (error, ExitFailure);
        }
        catch (OperationCanceledException error) when (stop.IsCancellationRequested)
        {
            // A stop request or a crashed service task ended start-up or RunAsync.
            if (Volatile.Read(ref crashed) is { } crash)
            {
                if (!started)
                {
                    ApplicationLog.StartFailed(logger, crash); // The crash, not the cancellation it caused, is the cause.
                    lifetime.ReportStartFailure(ApplicationLog.StartFailureText(crash));
                }

                (failure, exitCode) = (crash, ExitFailure);
            }
            else if (!started)
            {
                // A requested stop is a clean stop, also during start-up (see the class remarks).
                ApplicationLog.StartCancelled(logger);
                failure = error;
            }
        }
        catch (Exception error)
        {
            if (started)
            {
                ApplicationLog.RunFailed(logger, error);
            }
            else
            {
                ApplicationLog.StartFailed(logger, error);
                lifetime.ReportStartFailure(ApplicationLog.StartFailureText(error));
            }

            (failure, exitCode) = (error, ExitFailure);
        }

        // A component's stop request sets the exit code, unless a failure already made it 1.
        if (lifetime.RequestedExitCode is { } requested)
        {
            exitCode = Math.Max(exitCode, NormalizeExitCodeCore(requested, logger));
        }

        callbacksFailed |= !Notify(lifetime.NotifyStopping, nameof(ApplicationLifetime.Stopping), logger);
        var teardownCode = await TearDownAsync(context, failure ?? Volatile.Read(ref crashed), options.StopTimeout, logger).ConfigureAwait(false);
        exitCode = Math.Max(exitCode, teardownCode);
        if (Volatile.Read(ref crashed) is not null)
        {
            exitCode = ExitFailure;
        }

        if (callbacksFailed)
        {
            exitCode = ExitFailure;
        }

        ApplicationLog.Stopped(logger, exitCode);
        if (!Notify(() => lifetime.NotifyStopped(exitCode), nameof(ApplicationLifetime.Stopped), logger))
        {
            exitCode = ExitFailure;
        }

        return exitCode;
    }

    // Lifetime tokens run their callbacks inline: one that throws must not stop start-up's report or teardown.
    // Also used by a root context made by hand, which drives its own lifetime (Context.Lifetime.cs).
    internal static bool Notify(Action notify, string token, ILogger logger)
    {
        try
        {
            notify();
            return true;
        }
        catch (AggregateException error)
        {
            ApplicationLog.LifetimeCallbackFailed(logger, token, error.InnerExceptions.Count == 1 ? error.InnerExceptions[0] : error);
            return false;
        }
    }

    /// <summary>Maps a run-to-exit component's result to an exit code: null is 0, outside 0–127 is 1 with a warning.</summary>
    public static int NormalizeExitCode(int? code, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        RuntimeLogger.ForwardToForeignLoggers(); // The warning may go to a logger of the caller's.
        return NormalizeExitCodeCore(code, logger);
    }

    // The runner's own way in: its logger needs no forwarding (see RuntimeLogger).
    private static int NormalizeExitCodeCore(int? code, ILogger logger)
    {
        switch (code)
        {
            case null:
                return ExitSuccess;
            case >= 0 and <= CliApplicationComponent.MaxExitCode:
                return code.Value;
            default:
                ApplicationLog.ExitCodeOutOfRange(logger, code.Value);
                return ExitFailure;
        }
    }

    // In a method of its own, so the component node set here flows into RunAsync and no further.
    private static async Task<int?> RunRootAsync(CliApplicationComponent root, Context context, CancellationToken stopToken)
    {
        ComponentNode.Current = ComponentNode.ForRun(root);
        return await root.RunAsync(context, stopToken).ConfigureAwait(false);
    }

    private static async Task WaitForStopAsync(CancellationToken stopToken)
    {
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = stopToken.Register(() => stopped.TrySetResult());
        await stopped.Task.ConfigureAwait(false);
    }

    private static async Task<int> TearDownAsync(Context context, Exception? failure, TimeSpan stopTimeout, ILogger logger)
    {
        // A teardown step may block synchronously (a Dispose that hangs): run on this thread, it would
        // outlast the stop timeout. So teardown runs on the thread pool and the runner waits for it
        // under the timeout (an empty one completes inline: no thread, no timer).
        var teardown = context.CloseOnThreadPool(failure);
        try
        {
            await teardown.WaitAsync(stopTimeout).ConfigureAwait(false);
            return ExitSuccess;
        }
        catch (TimeoutException)
        {
            ApplicationLog.StopTimedOut(logger, stopTimeout.TotalSeconds, context.RunningTeardown ?? "unknown");
            _ = teardown.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            return ExitFailure;
        }
        catch (TeardownException error)
        {
            // Each failure was logged as it happened; this line sums them up.
            ApplicationLog.TeardownFailed(logger, error.Failures.Count);
            return ExitFailure;
        }
    }

    private static ILoggerFactory CreateConsoleLogging(LogLevel minimumLevel) =>
        new PlainConsoleLoggerFactory(minimumLevel);
}
