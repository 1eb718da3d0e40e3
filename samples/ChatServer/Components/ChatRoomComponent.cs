using Asphalt;

namespace ChatServer.Components;

/// <summary>
/// Owns the room: publishes the <c>messages</c> signal (before the other components start, so they
/// can connect) and the <see cref="ChatRoom"/>, and broadcasts every message to the room.
/// </summary>
[Component("room")]
public sealed partial class ChatRoomComponent
{
    /// <summary>Every message said in the room.</summary>
    [Signal("messages")]
    public Signal<ChatMessage> Messages { get; } = new("messages");

    /// <summary>The connected clients.</summary>
    [Resource]
    public ChatRoom Room { get; } = new();

    [SignalListener("messages")]
    private void Broadcast(ChatMessage message) => Room.Broadcast(message);
}
