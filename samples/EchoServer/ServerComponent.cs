using System.Net;
using System.Net.Sockets;
using System.Text;
using Asphalt;
using Microsoft.Extensions.Logging;

namespace EchoServer;

/// <summary>
/// Listens on TCP; for each connection reads one line, prints it and writes it back.
/// Publishes the endpoint it listens on as an <see cref="IPEndPoint"/> named "echo"
/// (so tests and other components can find the port when it was 0).
/// </summary>
[Component("server")]
public sealed partial class ServerComponent(EchoServerOptions options, TextWriter? output = null)
{
    private readonly TextWriter _output = output ?? Console.Out;

    [return: Resource("echo")]
    public IPEndPoint StartAsync(Context context)
    {
        var logger = context.LoggerFactory.CreateLogger<ServerComponent>();
        var listener = new TcpListener(IPAddress.Parse(options.Host), options.Port);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;

        // Teardown runs last-registered first: the accept loop is cancelled before the socket closes.
        context.AddTeardown(() =>
        {
            listener.Stop();
            logger.LogInformation("Echo server stopped listening on {Endpoint}", endpoint);
        }, "stop of the echo listener");
        context.StartServiceTask("echo server", ct => ServeAsync(listener, ct));
        logger.LogInformation("Echo server listening on {Endpoint}", endpoint);
        return endpoint;
    }

    private async Task ServeAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            _ = HandleAsync(client, cancellationToken);
        }
    }

    private async Task HandleAsync(TcpClient client, CancellationToken cancellationToken)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.UTF8);
            await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
            try
            {
                var line = await reader.ReadLineAsync(cancellationToken);
                if (line is null)
                {
                    return;
                }

                await _output.WriteLineAsync($"Message from client: {line}");
                await writer.WriteLineAsync(line.AsMemory(), cancellationToken);
            }
            catch (Exception error) when (error is IOException or OperationCanceledException)
            {
                // The client went away or the server is stopping: nothing to answer.
            }
        }
    }
}
