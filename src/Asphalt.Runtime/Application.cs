using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Runs an application: sets up logging, starts the component tree under the start timeout, runs
/// until the root's <see cref="CliApplicationComponent.RunAsync"/> returns or SIGINT/SIGTERM arrives,
/// then tears everything down under the stop timeout and returns the process exit code.
/// </summary>
/// <example>
/// <code>
/// return await Application.RunAsync(new MyRootComponent());
/// </code>
/// </example>
public static class Application
{
    /// <summary>The exit code of a clean stop.</summary>
    public const int ExitSuccess = 0;

    /// <summary>The exit code of a failed or timed-out start, a crashed service task, or a failed teardown.</summary>
    public const int ExitFailure = 1;

    /// <summary>Runs <paramref name="root"/> until it finishes or is stopped.</summary>
    /// <param name="root">The root component.</param>
    /// <param name="options">Timeouts and logging; defaults when null.</param>
    /// <param name="cancellationToken">Stops the application, like SIGTERM.</param>
    /// <returns>0 on a clean stop; 1 on a failed or timed-out start, a crashed service task, a failed
    /// teardown or an exception from RunAsync; otherwise the run-to-exit component's code.</returns>
    public static async Task<int> RunAsync(Component root, ApplicationOptions? options = null, CancellationToken cancellationToken = default)
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
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var signals = options.HandleStopSignals ? StopSignals.Register(stop, logger) : null;
            return await RunCoreAsync(root, options, loggerFactory, logger, stop).ConfigureAwait(false);
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
        Component root, ApplicationOptions options, ILoggerFactory loggerFactory, ILogger logger, CancellationTokenSource stop)
    {
        ApplicationLog.Starting(logger);
        var context = Context.CreateForRunner(loggerFactory);
        using var current = context.MakeCurrent();
        var exitCode = ExitSuccess;
        Exception? failure = null;
        var started = false;

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
            if (root is CliApplicationComponent cli)
            {
                var code = await cli.RunAsync(context, stop.Token).ConfigureAwait(false);
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
            (failure, exitCode) = (timeout, ExitFailure);
        }
        catch (ComponentStartException error)
        {
            ApplicationLog.StartFailed(logger, error);
            (failure, exitCode) = (error, ExitFailure);
        }
        catch (OperationCanceledException error) when (stop.IsCancellationRequested)
        {
            // A stop signal or a crashed service task ended start-up or RunAsync.
            if (!started && failure is null)
            {
                ApplicationLog.StartCancelled(logger);
                (failure, exitCode) = (error, ExitFailure);
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
            }

            (failure, exitCode) = (error, ExitFailure);
        }

        var teardownCode = await TearDownAsync(context, failure ?? Volatile.Read(ref crashed), options.StopTimeout, logger).ConfigureAwait(false);
        exitCode = Math.Max(exitCode, teardownCode);
        if (Volatile.Read(ref crashed) is not null)
        {
            exitCode = ExitFailure;
        }

        ApplicationLog.Stopped(logger, exitCode);
        return exitCode;
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

    /// <summary>SIGINT and SIGTERM request a clean stop; a second SIGINT kills the process as usual.</summary>
    private sealed class StopSignals : IDisposable
    {
        private readonly PosixSignalRegistration[] _registrations;
        private int _received;

        private StopSignals(CancellationTokenSource stop, ILogger logger)
        {
            _registrations =
            [
                PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle),
                PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle),
            ];

            void Handle(PosixSignalContext signal)
            {
                if (Interlocked.Increment(ref _received) > 1)
                {
                    // A second Ctrl+C terminates a stuck application; a repeated SIGTERM changes nothing.
                    signal.Cancel = signal.Signal != PosixSignal.SIGINT;
                    return;
                }

                signal.Cancel = true;
                ApplicationLog.StopSignal(logger, signal.Signal == PosixSignal.SIGINT ? "SIGINT" : "SIGTERM"); // No Enum.ToString: it drags enum metadata into NativeAOT builds.
                stop.Cancel();
            }
        }

        public static StopSignals? Register(CancellationTokenSource stop, ILogger logger)
        {
            try
            {
                return new StopSignals(stop, logger);
            }
            catch (PlatformNotSupportedException)
            {
                return null; // Browser/mobile targets: nothing to handle.
            }
        }

        public void Dispose()
        {
            foreach (var registration in _registrations)
            {
                registration.Dispose();
            }
        }
    }
}
