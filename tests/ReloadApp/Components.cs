using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Asphalt;
using Microsoft.Extensions.Logging;

namespace ReloadApp;

public sealed class GreeterOptions
{
    [Required]
    [StringLength(20)]
    public string Greeting { get; set; } = "hello";

    [Range(1, 10)]
    public int Repeat { get; set; } = 1;
}

/// <summary>Serves its greeting in force (one line per connection) and logs every accepted change.</summary>
[Component("greeter")]
public sealed partial class GreeterComponent(Reloadable<GreeterOptions> options)
{
    public void StartAsync(Context context)
    {
        var logger = context.LoggerFactory.CreateLogger<GreeterComponent>();
        options.Changed.Connect(o => logger.LogInformation("greeting is now {Greeting} x{Repeat}", o.Greeting, o.Repeat));
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        context.AddTeardown(listener.Stop, "stop of the greeter's listener");
        var endpoint = (IPEndPoint)listener.LocalEndpoint;
        context.StartServiceTask("greeter", ct => ServeAsync(listener, ct));
        logger.LogInformation("greeting served on port {Port}", endpoint.Port);
    }

    private async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var client = await listener.AcceptTcpClientAsync(cancellationToken);
            var current = options.Current;
            await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes($"{current.Greeting} x{current.Repeat}\n"), cancellationToken);
        }
    }
}

public sealed class BannerOptions
{
    public string Text { get; set; } = "welcome";
}

/// <summary>Options that are not reloadable: a change to them needs a restart.</summary>
[Component("banner")]
public sealed partial class BannerComponent(BannerOptions options)
{
    public void StartAsync(Context context) =>
        context.LoggerFactory.CreateLogger<BannerComponent>().LogInformation("banner is {Text}", options.Text);
}

[Component("app")]
[ChildComponent<GreeterComponent>("greeter")]
[ChildComponent<BannerComponent>("banner")]
public sealed partial class ReloadingApp;
