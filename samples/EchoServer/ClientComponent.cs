using System.Net.Sockets;
using System.Text;
using Asphalt;

namespace EchoServer;

/// <summary>Sends one line to the echo server, prints the answer and exits 0.</summary>
[Component("client")]
public sealed partial class ClientComponent(EchoClientOptions options, TextWriter? output = null)
    : CliApplicationComponent
{
    private readonly TextWriter _output = output ?? Console.Out;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(options.Host, options.Port, cancellationToken);
        var stream = client.GetStream();
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await writer.WriteLineAsync(options.Message.AsMemory(), cancellationToken);
        var response = await reader.ReadLineAsync(cancellationToken);
        await _output.WriteLineAsync($"Server responded: {response}");
        return 0;
    }
}
