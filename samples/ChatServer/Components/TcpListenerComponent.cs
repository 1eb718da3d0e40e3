using System.ComponentModel.DataAnnotations;
using System.Net;
using System.Net.Sockets;
using Asphalt;
using Microsoft.Extensions.Logging;

namespace ChatServer.Components;

/// <summary>Options of <see cref="TcpListenerComponent"/> (section <c>components:listener</c>).</summary>
public sealed class ListenerOptions
{
    /// <summary>The IP address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The port; 0 picks a free one (published in <see cref="ListenerEndpoint"/>).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7007;

    /// <summary>How many past messages a client gets when it joins.</summary>
    [Range(0, 1000)]
    public int HistoryLines { get; set; } = 10;

    /// <summary>
    /// How many lines may wait for a client to read them (default 100). A client whose queue is full
    /// when a message is broadcast is too slow: it is disconnected, so it cannot hold up the others.
    /// </summary>
    [Range(1, 100_000)]
    public int SendQueueSize { get; set; } = 100;

    /// <summary>The longest line a client may send, in characters (default 4096); a longer one disconnects it.</summary>
    [Range(1, 1_000_000)]
    public int MaxLineLength { get; set; } = 4096;
}

/// <summary>
/// Accepts chat clients over TCP. A client sends its nickname as the first line, receives the
/// recent history, then every message; <c>/stats</c> answers with the message counts.
/// </summary>
[Component("listener")]
public sealed partial class TcpListenerComponent(ListenerOptions options)
{
    /// <summary>Starts listening and accepting clients in a service task; publishes the endpoint.</summary>
    [return: Resource]
    public ListenerEndpoint StartAsync(
        ChatRoom room,
        MessageStore store,
        ChatStats stats,
        [Resource("messages")] Signal<ChatMessage> messages,
        Context context)
    {
        var listener = new TcpListener(options.Host, options.Port);
        listener.Start();
        context.AddTeardown(listener.Stop, "stop listening");
        var logger = context.LoggerFactory.CreateLogger<TcpListenerComponent>();
        var sessions = new Sessions(room, store, stats, messages, options, logger);

        // One task per client, bound to the context: teardown cancels and awaits the sessions after
        // the accept loop (last registered, first stopped); a session that fails is logged.
        var clients = context.CreateTaskFactory("chat clients", TaskFailurePolicy.Log);
        context.StartServiceTask("accept chat clients", cancellationToken => sessions.AcceptAsync(listener, clients, cancellationToken));
        return new ListenerEndpoint((IPEndPoint)listener.LocalEndpoint);
    }

    /// <summary>The accept loop and one task per connected client.</summary>
    private sealed class Sessions(ChatRoom room, MessageStore store, ChatStats stats, Signal<ChatMessage> messages, ListenerOptions options, ILogger logger)
    {
        public async Task AcceptAsync(TcpListener listener, ContextTaskFactory clients, CancellationToken cancellationToken)
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                clients.StartTask($"chat client {client.Client.RemoteEndPoint}", token => ServeAsync(client, token));
            }
        }

        private async Task ServeAsync(TcpClient client, CancellationToken cancellationToken)
        {
            // The session ends when the client leaves, is too slow, or the server stops; the
            // connection is closed only after its reads and writes have ended.
            await using var session = new ChatSession(client, options.SendQueueSize, options.MaxLineLength, logger, cancellationToken);
            try
            {
                var user = await session.ReadLineAsync();
                if (string.IsNullOrWhiteSpace(user))
                {
                    return;
                }

                foreach (var old in await store.RecentAsync(options.HistoryLines, cancellationToken))
                {
                    await session.SendAsync("[history] " + old);
                }

                room.Join(session);
                await session.SendAsync($"joined as {user}");
                while (await session.ReadLineAsync() is { } line)
                {
                    if (line == "/stats")
                    {
                        await session.SendAsync("[stats] " + stats.Describe());
                    }
                    else if (line.Length > 0)
                    {
                        await messages.DispatchAsync(new ChatMessage(user, line, DateTimeOffset.UtcNow));
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // The server is stopping.
            }
            catch (InvalidDataException error)
            {
                logger.LogWarning("Disconnecting chat client {RemoteEndPoint}: {Reason}", session.RemoteEndPoint, error.Message);
            }
            catch (IOException error)
            {
                logger.LogDebug(error, "A chat client disconnected abruptly");
            }
            finally
            {
                room.Leave(session);
            }
        }
    }
}
