using Asphalt;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Publishes a <see cref="Detector"/> for the configured <c>url</c> and runs it as a service task
/// (Asphalt's <c>ChangeDetectorComponent</c>). Options: <see cref="DetectorOptions"/>.
/// </summary>
[Component("detector")]
public sealed partial class ChangeDetectorComponent(DetectorOptions options)
{
    [return: Resource]
    public Detector StartAsync(Context context)
    {
        if (options.Url.Scheme is not ("http" or "https"))
        {
            // [Url] also accepts ftp, which HttpClient cannot fetch.
            throw new InvalidOperationException($"The detector's 'url' must be an http or https URL, not '{DisplayUrl.Of(options.Url)}'.");
        }

        var logger = context.LoggerFactory.CreateLogger("WebNotifier.Detector");
        var http = new HttpClient();
        Detector.ConfigureClient(http);
        context.AddTeardown(http.Dispose, "disposal of the detector's HttpClient");
        var detector = new Detector(options.Url, TimeSpan.FromSeconds(options.Delay), http, logger);
        context.StartServiceTask("Web page change detector", detector.RunAsync);
        logger.LogInformation("Started web page change detector for url \"{Url}\" with a delay of {Delay} seconds", DisplayUrl.Of(options.Url), options.Delay);
        return detector;
    }
}
