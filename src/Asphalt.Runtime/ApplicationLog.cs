using Microsoft.Extensions.Logging;
using static Asphalt.RuntimeLogger;

namespace Asphalt;

/// <summary>The runner's log messages (category <c>Asphalt.Application</c>), as templates (see <see cref="RuntimeLogger"/>).</summary>
internal static class ApplicationLog
{
    public static void Starting(ILogger logger) =>
        Write(logger, LogLevel.Information, new EventId(100, nameof(Starting)), "Starting application");

    public static void Started(ILogger logger) =>
        Write(logger, LogLevel.Information, new EventId(101, nameof(Started)), "Application started");

    public static void Stopped(ILogger logger, int exitCode) =>
        Write(logger, LogLevel.Information, new EventId(102, nameof(Stopped)), "Application stopped (exit code {ExitCode})", null, exitCode);

    /// <summary>
    /// One line a user can act on: the component path and the cause come first. The exception, with
    /// its stack trace, follows at Debug level for whoever needs it.
    /// </summary>
    public static void StartFailed(ILogger logger, Exception exception)
    {
        Write(logger, LogLevel.Error, new EventId(103, nameof(StartFailed)), "Start-up failed: {Cause}", null, Cause(exception));
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(111, nameof(StartFailed)), "Details of the start-up failure", exception);
        }
    }

    public static void StartTimedOut(ILogger logger, string report) =>
        Write(logger, LogLevel.Error, new EventId(104, nameof(StartTimedOut)), "{Report}", null, report);

    public static void StartCancelled(ILogger logger) =>
        Write(logger, LogLevel.Warning, new EventId(105, nameof(StartCancelled)), "Start-up was cancelled by a stop request");

    public static void RunFailed(ILogger logger, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(106, nameof(RunFailed)), "The application's RunAsync failed", exception);

    public static void ExitCodeOutOfRange(ILogger logger, int exitCode) =>
        Write(logger, LogLevel.Warning, new EventId(107, nameof(ExitCodeOutOfRange)), "Exit code {ExitCode} is out of range (0-127); exiting with 1 instead", null, exitCode);

    public static void StopSignal(ILogger logger, string signal) =>
        Write(logger, LogLevel.Information, new EventId(108, nameof(StopSignal)), "Received {Signal}; stopping the application", null, signal);

    public static void StopTimedOut(ILogger logger, double seconds, string step) =>
        Write(logger, LogLevel.Error, new EventId(109, nameof(StopTimedOut)), "Teardown did not finish within {Seconds} s; still running: {Step}", null, seconds, step);

    /// <summary>The text of <see cref="StartFailed"/>'s line, for whoever reports it elsewhere (a host's start exception).</summary>
    public static string StartFailureText(Exception exception) => $"Start-up failed: {Cause(exception)}";

    // Our own exceptions name the component and the inner exception's type already.
    private static string Cause(Exception exception) =>
        exception is ComponentStartException or ServiceTaskFailedException
            ? exception.Message
            : $"{exception.GetType().Name}: {exception.Message}";

    public static void LifetimeCallbackFailed(ILogger logger, string token, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(120, nameof(LifetimeCallbackFailed)), "A callback on the lifetime's {Token} token failed; the application goes on and exits with 1", exception, token);

    public static void TeardownFailed(ILogger logger, int count) =>
        Write(logger, LogLevel.Error, new EventId(110, nameof(TeardownFailed)), "{Count} teardown step(s) failed; see the errors above", null, count);
}
