using System.Collections.Concurrent;

namespace ChatServer;

/// <summary>The connected clients, and the broadcast of every message to all of them.</summary>
public sealed class ChatRoom
{
    private readonly ConcurrentDictionary<ChatSession, byte> _sessions = new();

    /// <summary>How many clients are connected.</summary>
    public int Count => _sessions.Count;

    /// <summary>Adds a client; it receives every broadcast until removed.</summary>
    public void Join(ChatSession session) => _sessions.TryAdd(session, 0);

    /// <summary>Removes a client.</summary>
    public void Leave(ChatSession session) => _sessions.TryRemove(session, out _);

    /// <summary>
    /// Queues <paramref name="message"/> for every client without waiting for any of them: a client
    /// whose queue is full is disconnected (see <see cref="ChatSession.TryDeliver"/>) and removed.
    /// </summary>
    public void Broadcast(ChatMessage message)
    {
        var line = message.ToString();
        foreach (var session in _sessions.Keys)
        {
            if (!session.TryDeliver(line))
            {
                Leave(session);
            }
        }
    }
}
