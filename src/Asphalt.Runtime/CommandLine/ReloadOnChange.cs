using Asphalt.Configuration;
using Microsoft.Extensions.Logging;

namespace Asphalt.CommandLine;

/// <summary>
/// What <c>run</c> does when its configuration files change: reloads through the running application's
/// log (redacted as everything it logs), and never lets a failure end the watch or the application.
/// </summary>
internal sealed class ReloadOnChange(ConfigurationReload reload)
{
    public async Task ReloadAsync()
    {
        var logger = RuntimeLogging.Factory.CreateLogger(ReloadLog.Category);
        try
        {
            await reload.ReloadAsync(logger).ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException or InvalidOperationException or IOException)
        {
            // Options binding that throws rather than reports (a hand-written bind): the application keeps running as it was.
            ReloadLog.NotLoaded(logger, reload.Redact(failure.Message));
        }
    }

    /// <summary>Starts <paramref name="watcher"/>; a system that cannot watch (inotify limits) only loses reloading.</summary>
    public static void StartWatching(ConfigurationFileWatcher watcher)
    {
        try
        {
            watcher.Start();
            ReloadLog.Watching(RuntimeLogging.Factory.CreateLogger(ReloadLog.Category), string.Join(", ", watcher.Files));
        }
        catch (Exception failure) when (failure is IOException or ArgumentException or PlatformNotSupportedException)
        {
            ReloadLog.NotWatched(RuntimeLogging.Factory.CreateLogger(ReloadLog.Category), failure.Message);
        }
    }
}
