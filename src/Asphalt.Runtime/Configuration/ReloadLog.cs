using Microsoft.Extensions.Logging;
using static Asphalt.RuntimeLogger;

namespace Asphalt.Configuration;

/// <summary>The configuration reload's log messages (category <c>Asphalt.Configuration</c>); docs/operations.md quotes them.</summary>
internal static class ReloadLog
{
    public const string Category = "Asphalt.Configuration";

    public static void Applied(ILogger logger, string componentPath) =>
        Write(logger, LogLevel.Information, new EventId(130, nameof(Applied)), "Configuration reloaded: new options of '{Component}' applied", null, componentPath);

    public static void Rejected(ILogger logger, string report) =>
        Write(logger, LogLevel.Error, new EventId(131, nameof(Rejected)), "Configuration reload rejected, the options in force are kept. {Report}", null, report);

    public static void NotLoaded(ILogger logger, string report) =>
        Write(logger, LogLevel.Error, new EventId(132, nameof(NotLoaded)), "Configuration reload failed, nothing changed. {Report}", null, report);

    public static void NeedsRestart(ILogger logger, string keyPaths) =>
        Write(logger, LogLevel.Warning, new EventId(133, nameof(NeedsRestart)), "Configuration changed where the running application cannot apply it; restart to apply: {KeyPaths}", null, keyPaths);

    public static void NotWatched(ILogger logger, string reason) =>
        Write(logger, LogLevel.Warning, new EventId(134, nameof(NotWatched)), "Configuration files are not watched, changes need a restart: {Reason}", null, reason);

    public static void Watching(ILogger logger, string files) =>
        Write(logger, LogLevel.Information, new EventId(135, nameof(Watching)), "Watching configuration files for changes: {Files}", null, files);
}
