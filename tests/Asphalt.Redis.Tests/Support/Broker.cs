using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Asphalt.Redis.Tests.Support;

/// <summary>
/// A Redis-protocol server as a real process on a free loopback port, which a test can kill and start
/// again on the same port. By default the embedded broker (samples/RedisBroker, Garnet); with
/// <c>ASPHALT_TEST_REDIS_SERVER</c> set to a <c>redis-server</c> executable, real Redis (what CI runs too).
/// </summary>
internal sealed class Broker : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private Process? _process;

    private Broker(int port) => Port = port;

    public int Port { get; }

    /// <summary><c>127.0.0.1:port</c>, as the options take it.</summary>
    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public static string Kind => Environment.GetEnvironmentVariable("ASPHALT_TEST_REDIS_SERVER") is { Length: > 0 } ? "redis-server" : "Garnet";

    public static async Task<Broker> StartAsync()
    {
        var broker = new Broker(FreePort());
        await broker.RestartAsync();
        return broker;
    }

    /// <summary>Kills the server at once, as a crash would: clients see their connections drop.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it accepts connections.</summary>
    public async Task RestartAsync()
    {
        Kill();
        var redisServer = Environment.GetEnvironmentVariable("ASPHALT_TEST_REDIS_SERVER");
        ProcessStartInfo info;
        if (redisServer is { Length: > 0 })
        {
            info = new ProcessStartInfo(redisServer);
            foreach (var argument in new[] { "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no" })
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            info = new ProcessStartInfo("dotnet");
            info.ArgumentList.Add(BrokerDll());
            info.ArgumentList.Add("--port");
            info.ArgumentList.Add(Port.ToString(CultureInfo.InvariantCulture));
        }

        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await WaitUntilListeningAsync(process);
    }

    private async Task WaitUntilListeningAsync(Process process)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while (true)
        {
            if (process.HasExited || deadline.IsCancellationRequested)
            {
                string output;
                lock (_gate)
                {
                    output = _output.ToString();
                }

                throw new Xunit.Sdk.XunitException($"The {Kind} broker did not answer PING on {Endpoint}. It printed:\n{output}");
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

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.Append(line).Append('\n');
            }
        }
    }

    /// <summary>A loopback port with no listener.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose() => Kill();
}
