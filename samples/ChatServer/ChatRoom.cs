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

    /// <summary>Sends <paramref name="message"/> to every client; a client that fails is dropped.</summary>
    public async ValueTask BroadcastAsync(ChatMessage message)
    {
        foreach (var session in _sessions.Keys)
        {
            if (!await session.TrySendAsync(message.ToString()))
            {
                Leave(session);
            }
        }
    }
}
