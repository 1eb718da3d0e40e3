using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Asphalt.Tests.Shared;

namespace Asphalt.Redis.Tests.Support;

/// <summary>
/// A Redis-protocol server as a real process on a free loopback port, which a test can kill and start
/// again on the same port. By default the embedded broker (samples/RedisBroker, Garnet); with
/// <c>ASPHALT_TEST_REDIS_SERVER</c> set to a <c>redis-server</c> executable, real Redis (what CI runs too).
/// </summary>
internal sealed class Broker : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private RealProcess? _process;

    private Broker(int port) => Port = port;

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, as the options take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static string Kind => Environment.GetEnvironmentVariable("ASPHALT_TEST_REDIS_SERVER") is { Length: > 0 } ? "redis-server" : "Garnet";

    public static async Task<Broker> StartAsync()
    {
        var broker = new Broker(Loopback.FreePort());
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>Kills the server at once, as a crash would: clients see their connections drop.</summary>
    public void Kill()
    {
        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Kill();
        var port = Port.ToString(CultureInfo.InvariantCulture);
        var redisServer = Environment.GetEnvironmentVariable("ASPHALT_TEST_REDIS_SERVER");
        _process = redisServer is { Length: > 0 }
            ? RealProcess.Start(redisServer, ["--port", port, "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
            : RealProcess.StartDotnet(BrokerDll(), ["--port", port]);
        await WaitUntilListeningAsync(_process);
    }

    private async Task WaitUntilListeningAsync(RealProcess process)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"The {Kind} broker did not answer PING on {Endpoint}. It printed:\n{process.Output}");
            }

            if (await AnswersPingAsync(deadline.Token))
            {
                return;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    // Accepting a connection is not enough (a server may listen before it serves): it must answer PING.
    private async Task<bool> AnswersPingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var probe = new TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
            var stream = probe.GetStream();
            await stream.WriteAsync("*1\r\n$4\r\nPING\r\n"u8.ToArray(), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.ASCII);
            using var readTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            readTimeout.CancelAfter(TimeSpan.FromSeconds(5));
            return await reader.ReadLineAsync(readTimeout.Token) == "+PONG";
        }
        catch (Exception error) when (error is SocketException or IOException or OperationCanceledException)
        {
            return false;
        }
    }

    // tests/Asphalt.Redis.Tests/bin/<Configuration>/net10.0/ → samples/RedisBroker/bin/<Configuration>/net10.0/
    private static string BrokerDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var repository = output.Parent.Parent!.Parent!.Parent!.Parent!.FullName;
        return Path.Combine(repository, "samples", "RedisBroker", "bin", configuration, output.Name, "RedisBroker.dll");
    }

    public void Dispose() => Kill();
}
