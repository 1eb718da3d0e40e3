using System.Net.Sockets;
using System.Text;

namespace ChatServer;

/// <summary>One connected client: a line-oriented UTF-8 connection.</summary>
public sealed class ChatSession : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly StreamReader _reader;
    private readonly StreamWriter _writer;
    private readonly SemaphoreSlim _sending = new(1, 1);

    /// <summary>Wraps an accepted connection.</summary>
    public ChatSession(TcpClient client)
    {
        _client = client;
        var stream = client.GetStream();
        _reader = new StreamReader(stream, new UTF8Encoding(false));
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = false };
    }

    /// <summary>Reads the next line, or null when the client disconnected.</summary>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
        (await _reader.ReadLineAsync(cancellationToken))?.TrimEnd('\r');

    /// <summary>Sends a line; returns false if the connection is gone.</summary>
    public async Task<bool> TrySendAsync(string line)
    {
        await _sending.WaitAsync();
        try
        {
            await _writer.WriteLineAsync(line);
            await _writer.FlushAsync();
            return true;
        }
        catch (Exception error) when (error is IOException or ObjectDisposedException or SocketException)
        {
            return false;
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>Closes the connection.</summary>
    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _sending.Dispose();
        return ValueTask.CompletedTask;
    }
}
