using Microsoft.Extensions.Logging;

namespace Asphalt.Configuration;

/// <summary>
/// The runner's own top-level settings: <c>startTimeout</c> and <c>stopTimeout</c> (seconds) and
/// <c>logging.level</c> (<c>Trace</c> … <c>Critical</c>, or <c>None</c>).
/// </summary>
public static class RunnerSettings
{
    /// <summary>Applies the settings found in <paramref name="configuration"/> to <paramref name="options"/>.</summary>
    /// <exception cref="ConfigurationException">A setting has a bad value.</exception>
    public static void ApplyTo(LoadedConfiguration configuration, ApplicationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ConfigurationError>();
        var (start, stop, level) = Read(configuration, errors);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(errors);
        }

        options.StartTimeout = start ?? options.StartTimeout;
        options.StopTimeout = stop ?? options.StopTimeout;
        options.MinimumLogLevel = level ?? options.MinimumLogLevel;
    }

    internal static (TimeSpan? Start, TimeSpan? Stop, LogLevel? Level) Read(LoadedConfiguration configuration, List<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var root = configuration.Configuration;
        var start = Seconds("startTimeout");
        var stop = Seconds("stopTimeout");
        LogLevel? level = null;
        var logging = root.GetSection("logging");
        if (logging.Value is not null)
        {
            errors.Add(configuration.ErrorAt("logging", Trees.ConfigurationText.LoggingNotMapping($"'{logging.Value}'")));
        }

        foreach (var key in logging.GetChildren())
        {
            if (!string.Equals(key.Key, "level", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(configuration.ErrorAt(key.Path, Trees.ConfigurationText.UnknownLoggingSetting));
            }
        }

        if (logging["level"] is { } text)
        {
            if (Enum.TryParse<LogLevel>(text, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _))
            {
                level = parsed;
            }
            else
            {
                errors.Add(configuration.ErrorAt("logging:level",
                    Trees.ConfigurationText.NotALogLevel($"'{text}'")));
            }
        }

        return (start, stop, level);

        TimeSpan? Seconds(string key)
        {
            if (root[key] is not { } value)
            {
                return null;
            }

            if (Trees.ConfigurationText.TryParseSeconds(value, out var seconds))
            {
                return seconds == 0 ? Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(seconds);
            }

            errors.Add(configuration.ErrorAt(key, Trees.ConfigurationText.NotSeconds($"'{value}'")));
            return null;
        }
    }
}
