using Asphalt;
using Asphalt.Configuration;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Publishes a <see cref="Detector"/> for the configured <c>url</c> and runs it as a service task
/// (Asphalt's <c>ChangeDetectorComponent</c>). Options: <c>url</c> (required), <c>delay</c> (seconds, default 10).
/// </summary>
public sealed class ChangeDetectorComponent(Uri url, TimeSpan delay, string resourceName = ResourceKey.DefaultName) : Component
{
    /// <summary>The registry alias.</summary>
    public const string Alias = "detector";

    /// <summary>Creates the component from its configuration (what generated binding does).</summary>
    public static ChangeDetectorComponent Create(ComponentConfiguration configuration)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, typeof(ChangeDetectorComponent).FullName!, "type", "components", "url", "delay");
        var url = ConfigurationValues.Exists(section, "url")
            ? ConfigurationValues.ParseUri(section.GetSection("url"))
            : throw ConfigurationValues.MissingRequired(section, "url", "absolute http(s) URL");
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            throw ConfigurationValues.InvalidValue(section.GetSection("url"), "absolute http(s) URL");
        }

        var delay = ConfigurationValues.Exists(section, "delay")
            ? ConfigurationValues.Parse<double>(section.GetSection("delay"), "number of seconds")
            : 10;
        if (delay <= 0)
        {
            throw ConfigurationValues.InvalidValue(section.GetSection("delay"), "number of seconds greater than 0");
        }

        return new ChangeDetectorComponent(url, TimeSpan.FromSeconds(delay), configuration.ResourceName);
    }

    /// <inheritdoc />
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger("WebNotifier.Detector");
        var http = new HttpClient();
        Detector.ConfigureClient(http);
        context.AddTeardown(http.Dispose, "disposal of the detector's HttpClient");
        var detector = new Detector(url, delay, http, logger);
        context.AddResource(detector, resourceName);
        context.StartServiceTask("Web page change detector", detector.RunAsync);
        logger.LogInformation("Started web page change detector for url \"{Url}\" with a delay of {Delay} seconds", url, delay.TotalSeconds);
        return ValueTask.CompletedTask;
    }
}
