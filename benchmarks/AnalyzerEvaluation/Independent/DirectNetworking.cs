// Direct blocking I/O in async paths of network and file clients: HttpClient.Send, waits on
// HTTP tasks, DNS, sockets, TcpClient streams, file reads and writes, stream copies and
// readers over streams, inside switch expressions, async iterators, interpolation and
// expression-bodied Task/ValueTask members.
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Eval.Independent.Networking;

public enum FeedSource
{
    File,
    Http,
    Inline,
}

public sealed class FeedDownloader
{
    private readonly HttpClient _http;

    public FeedDownloader(HttpClient http) => _http = http;

    public async Task<string> DownloadAsync(Uri uri, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = _http.Send(request, ct); // expect
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(ct);
    }

    public async Task<string> ReadFeedAsync(FeedSource source, string location)
    {
        await Task.Yield();
        var content = source switch
        {
            FeedSource.File => File.ReadAllText(location), // expect
            FeedSource.Http => _http.GetStringAsync(location).Result, // expect
            _ => location,
        };
        return content.Trim();
    }

    public Task<string[]> ReadSubscriptionsAsync(string path) => Task.FromResult(File.ReadAllLines(path)); // expect

    public async IAsyncEnumerable<string> ReadItemsAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var line in File.ReadAllLines(path)) // expect
        {
            ct.ThrowIfCancellationRequested();
            if (line.Length > 0)
            {
                yield return line;
            }

            await Task.Yield();
        }
    }
}

public static class LogTail
{
    public static async IAsyncEnumerable<string> FollowAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        while (!ct.IsCancellationRequested)
        {
            var line = reader.ReadLine(); // expect
            if (line is null)
            {
                await Task.Delay(250, ct);
                continue;
            }

            yield return line;
        }
    }
}

public sealed class HostResolver
{
    private readonly List<string> _log = new();

    public async Task<IPAddress> ResolveFirstAsync(string host)
    {
        await Task.Yield();
        var entry = Dns.GetHostEntry(host); // expect
        return entry.AddressList.First();
    }

    public async ValueTask LogAddressesAsync(string host)
    {
        await Task.Yield();
        _log.Add($"{host} has {Dns.GetHostAddresses(host).Length} addresses"); // expect
    }
}

public sealed class TelemetrySender : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public async Task ConnectAsync(IPEndPoint endpoint, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        _socket.Connect(endpoint); // expect
        await Task.Yield();
    }

    public async Task<bool> SendAsync(string metric)
    {
        var payload = Encoding.UTF8.GetBytes(metric + "\n");
        await _socket.SendAsync(payload.AsMemory(), SocketFlags.None);
        var ack = new byte[4];
        var received = _socket.Receive(ack); // expect
        return received == 4 && ack[0] == (byte)'O';
    }

    public void Dispose() => _socket.Dispose();
}

public sealed class LegacyProtocolClient
{
    public async Task<string> EchoAsync(string host, int port, string message)
    {
        using var client = new TcpClient();
        client.Connect(host, port); // expect
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(message);
        stream.Write(bytes, 0, bytes.Length); // expect
        var buffer = new byte[1024];
        var read = await stream.ReadAsync(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read);
    }
}

public sealed class UploadController
{
    private readonly string _root;

    public UploadController(string root) => _root = root;

    public async Task ArchiveAsync(Stream body, Stream archive)
    {
        body.CopyTo(archive); // expect
        await archive.FlushAsync();
    }

    public async Task<string> PutAsync(string name, Stream body)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, leaveOpen: true);
        var manifest = reader.ReadToEnd(); // expect
        await File.WriteAllTextAsync(Path.Combine(_root, name + ".txt"), manifest);
        return manifest;
    }

    public ValueTask SaveManifestAsync(string name, string manifest)
    {
        File.WriteAllText(Path.Combine(_root, name + ".manifest"), manifest); // expect
        return ValueTask.CompletedTask;
    }
}
