using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>The runner's log messages (category <c>Asphalt.Application</c>).</summary>
internal static class ApplicationLog
{
    public static void Starting(ILogger logger) =>
        RuntimeLogger.Write(logger, LogLevel.Information, new EventId(100, nameof(Starting)), "Starting application");

    public static void Started(ILogger logger) =>
        RuntimeLogger.Write(logger, LogLevel.Information, new EventId(101, nameof(Started)), "Application started");

    public static void Stopped(ILogger logger, int exitCode)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            RuntimeLogger.Write(logger, LogLevel.Information, new EventId(102, nameof(Stopped)), string.Create(CultureInfo.InvariantCulture, $"Application stopped (exit code {exitCode})"));
        }
    }

    public static void StartFailed(ILogger logger, Exception exception) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(103, nameof(StartFailed)), "Error during application start-up", exception);

    public static void StartTimedOut(ILogger logger, string report) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(104, nameof(StartTimedOut)), report);

    public static void StartCancelled(ILogger logger) =>
        RuntimeLogger.Write(logger, LogLevel.Warning, new EventId(105, nameof(StartCancelled)), "Start-up was cancelled by a stop request");

    public static void RunFailed(ILogger logger, Exception exception) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(106, nameof(RunFailed)), "The application's RunAsync failed", exception);

    public static void ExitCodeOutOfRange(ILogger logger, int exitCode) =>
        RuntimeLogger.Write(
            logger,
            LogLevel.Warning,
            new EventId(107, nameof(ExitCodeOutOfRange)),
            string.Create(CultureInfo.InvariantCulture, $"Exit code {exitCode} is out of range (0-127); exiting with 1 instead"));

    public static void StopSignal(ILogger logger, string signal) =>
        RuntimeLogger.Write(logger, LogLevel.Information, new EventId(108, nameof(StopSignal)), $"Received {signal}; stopping the application");

    public static void StopTimedOut(ILogger logger, double seconds, string step) =>
        RuntimeLogger.Write(
            logger,
            LogLevel.Error,
            new EventId(109, nameof(StopTimedOut)),
            string.Create(CultureInfo.InvariantCulture, $"Teardown did not finish within {seconds} s; still running: {step}"));

    public static void TeardownFailed(ILogger logger, int count) =>
        RuntimeLogger.Write(
            logger,
            LogLevel.Error,
            new EventId(110, nameof(TeardownFailed)),
            string.Create(CultureInfo.InvariantCulture, $"{count} teardown step(s) failed; see the errors above"));
}
