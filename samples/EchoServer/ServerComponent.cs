using System.Net;
using System.Net.Sockets;
using System.Text;
using Asphalt;
using Microsoft.Extensions.Logging;

namespace EchoServer;

/// <summary>
/// Listens on TCP; for each connection reads one line, prints it and writes it back. A line longer
/// than <see cref="EchoServerOptions.MaxLineLength"/> gets an error line instead, and a client that
/// sends nothing for <see cref="EchoServerOptions.IdleTimeout"/> seconds is disconnected.
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
        var listener = new TcpListener(options.Host, options.Port);
        listener.Start();
        var endpoint = (IPEndPoint)listener.LocalEndpoint;

        // Teardown runs last-registered first: the accept loop is cancelled, then the connections
        // still open are cancelled and awaited, then the socket closes.
        context.AddTeardown(() =>
        {
            listener.Stop();
            logger.LogInformation("Echo server stopped listening on {Endpoint}", endpoint);
        }, "stop of the echo listener");

        // One task per connection, bound to the context: a connection that fails is logged and the
        // server goes on; none outlives the application.
        var connections = context.CreateTaskFactory("echo connections", TaskFailurePolicy.Log);
        context.StartServiceTask("echo server", ct => ServeAsync(listener, connections, logger, ct));
        logger.LogInformation("Echo server listening on {Endpoint}", endpoint);
        return endpoint;
    }

    private async Task ServeAsync(TcpListener listener, ContextTaskFactory connections, ILogger logger, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken);
            connections.StartTask($"connection from {client.Client.RemoteEndPoint}", ct => HandleAsync(client, logger, ct));
        }
    }

    private async Task HandleAsync(TcpClient client, ILogger logger, CancellationToken cancellationToken)
    {
        using (client)
        {
            var remote = client.Client.RemoteEndPoint;
            var stream = client.GetStream();
            try
            {
                var (line, problem) = await LineReader.ReadLineAsync(
                    stream, options.MaxLineLength, TimeSpan.FromSeconds(options.IdleTimeout), cancellationToken);
                switch (problem)
                {
                    case LineProblem.TooLong:
                        logger.LogWarning("Closing the connection from {Client}: line longer than {MaxLineLength} bytes", remote, options.MaxLineLength);
                        await stream.WriteAsync(Encoding.UTF8.GetBytes($"error: line longer than {options.MaxLineLength} bytes\n"), cancellationToken);
                        return;
                    case LineProblem.Idle:
                        logger.LogInformation("Closing the connection from {Client}: idle for {IdleTimeout} s", remote, options.IdleTimeout);
                        return;
                }

                if (line is null)
                {
                    return;
                }

                await _output.WriteLineAsync($"Message from client: {line}");
                await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n"), cancellationToken);
            }
            catch (Exception error) when (error is IOException or OperationCanceledException)
            {
                // The client went away or the server is stopping: nothing to answer.
            }
        }
    }
}
