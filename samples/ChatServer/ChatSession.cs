using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace ChatServer;

/// <summary>
/// One connected client: a line-oriented UTF-8 connection with a bounded outgoing queue. One writer
/// loop per session drains the queue onto the socket, so a client that reads slowly only ever delays
/// itself; when its queue is full, <see cref="TryDeliver"/> disconnects it.
/// </summary>
public sealed class ChatSession : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly BoundedLineReader _reader;
    private readonly StreamWriter _writer;
    private readonly Channel<string> _outgoing;
    private readonly int _queueSize;
    private readonly ILogger _logger;

    // Cancelled when the session ends (or the server stops): aborts the pending read and write, so
    // both loops are done before DisposeAsync releases the socket. Never disposed: a plain source
    // (no timer, no link) holds nothing, and a broadcast may still cancel it after the session ended.
    private readonly CancellationTokenSource _closing = new();
    private readonly CancellationTokenRegistration _serverStopping;
    private readonly Task _writing;
    private int _ended;

    /// <summary>Wraps an accepted connection and starts its writer loop.</summary>
    /// <param name="client">The accepted connection; the session owns it.</param>
    /// <param name="queueSize">How many lines may wait for the client to read them.</param>
    /// <param name="maxLineLength">The longest line the client may send, in characters.</param>
    /// <param name="logger">Where a dropped slow client is reported.</param>
    /// <param name="serverStopping">Closes the session when the server stops.</param>
    public ChatSession(TcpClient client, int queueSize, int maxLineLength, ILogger logger, CancellationToken serverStopping)
    {
        _client = client;
        _client.NoDelay = true; // Each flushed burst of lines goes out now, not after the client's delayed ACK.
        _queueSize = queueSize;
        _logger = logger;
        RemoteEndPoint = client.Client.RemoteEndPoint?.ToString() ?? "(unknown)";
        var stream = client.GetStream();
        _reader = new BoundedLineReader(stream, maxLineLength);
        _writer = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = false };
        _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(queueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of dropping a line silently.
        });
        _writing = WriteLoopAsync();
        _serverStopping = serverStopping.Register(End);
    }

    /// <summary>The client's address, for logs.</summary>
    public string RemoteEndPoint { get; }

    /// <summary>Reads the next line; null when the client disconnected or the session was closed.</summary>
    /// <exception cref="InvalidDataException">The client sent a line longer than allowed.</exception>
    public async Task<string?> ReadLineAsync()
    {
        try
        {
            return await _reader.ReadLineAsync(_closing.Token);
        }
        catch (OperationCanceledException) when (_closing.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>
    /// Queues a reply to the client's own request (history, <c>/stats</c>), waiting for room: a
    /// client that does not read only holds up its own requests.
    /// </summary>
    public async ValueTask SendAsync(string line)
    {
        try
        {
            await _outgoing.Writer.WriteAsync(line, _closing.Token);
        }
        catch (Exception error) when (error is ChannelClosedException or OperationCanceledException)
        {
            // Closed: the line has nobody to go to.
        }
    }

    /// <summary>
    /// Queues a broadcast line without waiting. Returns false when the session has ended; when its
    /// queue is full the client is too slow: it is disconnected, and that is logged once.
    /// </summary>
    public bool TryDeliver(string line)
    {
        if (_outgoing.Writer.TryWrite(line))
        {
            return true;
        }

        // Every path that completes the queue sets _ended first, so winning this exchange means the
        // write failed because the queue was full, not because the client had already left.
        if (Interlocked.Exchange(ref _ended, 1) == 0)
        {
            _logger.LogWarning("Disconnecting chat client {RemoteEndPoint}: too slow, {QueueSize} lines waiting to be read", RemoteEndPoint, _queueSize);
            Stop();
        }

        return false;
    }

    // Ends both loops: no more lines are queued, the pending read and write are cancelled.
    private void End()
    {
        Interlocked.Exchange(ref _ended, 1);
        Stop();
    }

    private void Stop()
    {
        _outgoing.Writer.TryComplete();
        _closing.Cancel();
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var line in _outgoing.Reader.ReadAllAsync(_closing.Token))
            {
                await _writer.WriteLineAsync(line.AsMemory(), _closing.Token);
                if (!_outgoing.Reader.TryPeek(out _))
                {
                    await _writer.FlushAsync(_closing.Token); // One flush per burst, not per line.
                }
            }
        }
        catch (Exception error) when (error is OperationCanceledException or IOException or SocketException)
        {
            // Closed, stopping, or the client went away: the read loop sees it too and ends the session.
        }
        finally
        {
            End(); // A failed write must also end the read loop, or the session would linger half-open.
        }
    }

    /// <summary>Stops the writer loop and closes the connection; call once the read loop has ended.</summary>
    public async ValueTask DisposeAsync()
    {
        End();
        await _serverStopping.DisposeAsync();
        await _writing;
        _client.Dispose();
    }
}
