using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>The runner's log messages (category <c>Asphalt.Application</c>).</summary>
internal static partial class ApplicationLog
{
    [LoggerMessage(100, LogLevel.Information, "Starting application")]
    public static partial void Starting(ILogger logger);

    [LoggerMessage(101, LogLevel.Information, "Application started")]
    public static partial void Started(ILogger logger);

    [LoggerMessage(102, LogLevel.Information, "Application stopped (exit code {ExitCode})")]
    public static partial void Stopped(ILogger logger, int exitCode);

    [LoggerMessage(103, LogLevel.Error, "Error during application start-up")]
    public static partial void StartFailed(ILogger logger, Exception exception);

    [LoggerMessage(104, LogLevel.Error, "{Report}")]
    public static partial void StartTimedOut(ILogger logger, string report);

    [LoggerMessage(105, LogLevel.Warning, "Start-up was cancelled by a stop request")]
    public static partial void StartCancelled(ILogger logger);

    [LoggerMessage(106, LogLevel.Error, "The application's RunAsync failed")]
    public static partial void RunFailed(ILogger logger, Exception exception);

    [LoggerMessage(107, LogLevel.Warning, "Exit code {ExitCode} is out of range (0-127); exiting with 1 instead")]
    public static partial void ExitCodeOutOfRange(ILogger logger, int exitCode);

    [LoggerMessage(108, LogLevel.Information, "Received {Signal}; stopping the application")]
    public static partial void StopSignal(ILogger logger, string signal);

    [LoggerMessage(109, LogLevel.Error, "Teardown did not finish within {Seconds} s; still running: {Step}")]
    public static partial void StopTimedOut(ILogger logger, double seconds, string step);

    [LoggerMessage(110, LogLevel.Error, "{Count} teardown step(s) failed; see the errors above")]
    public static partial void TeardownFailed(ILogger logger, int count);
}
