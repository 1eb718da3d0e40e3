using System.Globalization;
using System.Net;
using System.Text;
using Asphalt;
using Asphalt.Configuration;
using Microsoft.Extensions.Logging;

namespace WebNotifier;

/// <summary>
/// Serves a small page on loopback that gains a line every <c>changeEvery</c> seconds, with
/// <c>Last-Modified</c> and <c>304 Not Modified</c> answers, so the sample runs with no outside
/// server. Options: <c>port</c> (default 8765; 0 picks a free one) and <c>changeEvery</c> (seconds, default 5).
/// Publishes the page's address as a <see cref="Uri"/> named <c>demopage</c>.
/// </summary>
public sealed class DemoPageComponent(int port, TimeSpan changeEvery) : Component
{
    /// <summary>The registry alias.</summary>
    public const string Alias = "demopage";

    /// <summary>Creates the component from its configuration (what generated binding does).</summary>
    public static DemoPageComponent Create(ComponentConfiguration configuration)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, typeof(DemoPageComponent).FullName!, "type", "components", "port", "changeEvery");
        var port = ConfigurationValues.Exists(section, "port") ? ConfigurationValues.Parse<int>(section.GetSection("port"), "port number") : 8765;
        if (port is < 0 or > 65535)
        {
            throw ConfigurationValues.InvalidValue(section.GetSection("port"), "port number (0-65535)");
        }

        var every = ConfigurationValues.Exists(section, "changeEvery")
            ? ConfigurationValues.Parse<int>(section.GetSection("changeEvery"), "whole number of seconds")
            : 5;
        if (every < 1)
        {
            // HTTP dates have whole seconds: faster changes could not be told apart by If-Modified-Since.
            throw ConfigurationValues.InvalidValue(section.GetSection("changeEvery"), "whole number of seconds, at least 1");
        }

        return new DemoPageComponent(port, TimeSpan.FromSeconds(every));
    }

    /// <inheritdoc />
    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        var logger = context.LoggerFactory.CreateLogger("WebNotifier.DemoPage");
        var listener = new HttpListener();
        var actualPort = port == 0 ? FreePort() : port;
        var url = new Uri($"http://127.0.0.1:{actualPort}/");
        listener.Prefixes.Add(url.ToString());
        listener.Start();
        context.AddTeardown(listener.Close, "stop of the demo page's listener");
        var started = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        context.StartServiceTask("Demo page", ct => ServeAsync(listener, started, ct));
        context.AddResource(url, Alias);
        logger.LogInformation("Serving a demo page that changes every {Seconds} s at {Url}", changeEvery.TotalSeconds, url);
        return ValueTask.CompletedTask;
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
