using System.Globalization;
using System.Net;
using System.Text;
using Asphalt;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Serves a small page on loopback that gains a line every <c>changeEvery</c> seconds, with
/// <c>Last-Modified</c> and <c>304 Not Modified</c> answers, so the sample runs with no outside
/// server. Options: <see cref="DemoPageOptions"/>. Publishes the page's address as a
/// <see cref="Uri"/> named <c>demopage</c>.
/// </summary>
[Component("demopage")]
public sealed partial class DemoPageComponent(DemoPageOptions options)
{
    private readonly TimeSpan changeEvery = TimeSpan.FromSeconds(options.ChangeEvery);

    [return: Resource("demopage")]
    public Uri StartAsync(Context context)
    {
        var logger = context.LoggerFactory.CreateLogger("WebNotifier.DemoPage");
        var listener = new HttpListener();
        var port = options.Port == 0 ? FreePort() : options.Port;
        var url = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(url.ToString());
        listener.Start();
        context.AddTeardown(listener.Close, "stop of the demo page's listener");
        var started = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        context.StartServiceTask("Demo page", ct => ServeAsync(listener, started, ct));
        logger.LogInformation("Serving a demo page that changes every {Seconds} s at {Url}", changeEvery.TotalSeconds, url);
        return url;
    }

    private async Task ServeAsync(HttpListener listener, DateTimeOffset started, CancellationToken cancellationToken)
    {
        await using var stop = cancellationToken.Register(listener.Stop);
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext request;
            try
            {
                request = await listener.GetContextAsync();
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }

            var version = (int)((DateTimeOffset.UtcNow - started) / changeEvery);
            var modified = started + (changeEvery * version);
            var response = request.Response;
            if (DateTimeOffset.TryParse(request.Request.Headers["If-Modified-Since"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                && since >= modified)
            {
                response.StatusCode = (int)HttpStatusCode.NotModified;
                response.Close();
                continue;
            }

            var body = Encoding.UTF8.GetBytes(Page(version, started));
            response.ContentType = "text/html; charset=utf-8";
            response.Headers["Last-Modified"] = modified.ToString("R", CultureInfo.InvariantCulture);
            response.ContentLength64 = body.Length;
            await response.OutputStream.WriteAsync(body, cancellationToken);
            response.Close();
        }
    }

    private string Page(int version, DateTimeOffset started)
    {
        var page = new StringBuilder("<html>\n<body>\n<h1>Asphalt demo page</h1>\n<ul>\n");
        for (var i = Math.Max(0, version - 4); i <= version; i++)
        {
            page.Append(CultureInfo.InvariantCulture, $"<li>Update {i}: {started + (changeEvery * i):HH:mm:ss}</li>\n");
        }

        return page.Append("</ul>\n</body>\n</html>\n").ToString();
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
