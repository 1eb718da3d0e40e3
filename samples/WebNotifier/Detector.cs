using System.Net;
using System.Net.Http.Headers;
using Asphalt;
using DiffPlex.DiffBuilder;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Polls a web page politely (conditional GET with <c>If-Modified-Since</c>) and dispatches
/// <see cref="Changed"/> with a line diff whenever its contents change.
/// </summary>
public sealed class Detector(Uri url, TimeSpan delay, HttpClient http, ILogger logger)
{
    /// <summary>The watched page.</summary>
    public Uri Url { get; } = url;

    /// <summary>The pause between two requests.</summary>
    public TimeSpan Delay { get; } = delay;

    /// <summary>Dispatched when the page's contents changed.</summary>
    public Signal<WebPageChangeEvent> Changed { get; } = new(nameof(Changed));

    /// <summary>Polls until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset? lastModified = null;
        string? oldText = null;
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Url);
            request.Headers.IfModifiedSince = lastModified;
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.NotModified)
                {
                    logger.LogDebug("Page {Url} not modified since {Since:R}", DisplayUrl.Of(Url), lastModified);
                }
                else
                {
                    response.EnsureSuccessStatusCode();
                    // Remember what the server said the page's date is, as the tutorial does.
                    lastModified = response.Content.Headers.LastModified ?? response.Headers.Date ?? lastModified;
                    var newText = await response.Content.ReadAsStringAsync(cancellationToken);
                    if (oldText is not null && newText != oldText)
                    {
                        logger.LogInformation("Contents of {Url} changed", DisplayUrl.Of(Url));
                        await Changed.DispatchAsync(CreateEvent(oldText, newText));
                    }

                    oldText = newText;
                }
            }
            catch (HttpRequestException failure)
            {
                // A page that is down for a moment is no reason to stop watching it.
                logger.LogWarning("Fetching {Url} failed: {Message}; retrying in {Delay}", DisplayUrl.Of(Url), failure.Message, Delay);
            }

            await Task.Delay(Delay, cancellationToken);
        }
    }

    private WebPageChangeEvent CreateEvent(string oldText, string newText)
    {
        var diff = InlineDiffBuilder.Diff(oldText, newText, ignoreWhiteSpace: false);
        return new WebPageChangeEvent(this, Lines(oldText), Lines(newText), diff);
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

    /// <summary>Sets the request headers every poll sends.</summary>
    public static void ConfigureClient(HttpClient client)
    {
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Asphalt-WebNotifier", "1.0"));
    }
}
