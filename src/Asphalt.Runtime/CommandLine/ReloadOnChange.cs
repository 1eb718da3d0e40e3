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
        catch (Exception failure)
        {
            // Whatever a reload throws, the application keeps running as it was and the next change is still watched.
            ReloadLog.NotLoaded(logger, reload.Redact($"{failure.GetType().Name}: {failure.Message}"));
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
