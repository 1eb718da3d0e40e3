using System.Collections.Concurrent;

namespace ChatServer;

/// <summary>Messages counted per user.</summary>
public sealed class ChatStats
{
    private readonly ConcurrentDictionary<string, int> _byUser = new(StringComparer.Ordinal);

    /// <summary>Counts one message.</summary>
    public void Count(ChatMessage message) => _byUser.AddOrUpdate(message.User, 1, static (_, n) => n + 1);

    /// <summary>All messages counted.</summary>
    public int Total => _byUser.Values.Sum();

    /// <summary>One line: <c>alice=2 bob=1</c>, sorted by user.</summary>
    public string Describe() =>
        _byUser.IsEmpty ? "no messages yet" : string.Join(" ", _byUser.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
