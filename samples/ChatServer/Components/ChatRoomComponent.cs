using Asphalt;

namespace ChatServer.Components;

/// <summary>
/// Owns the room: publishes the <c>messages</c> signal (before the other components start, so they
/// can connect) and the <see cref="ChatRoom"/>, and broadcasts every message to the room.
/// Configuration may bridge the signal to other nodes (<c>bridges: { messages: asphalt-chat:messages }</c>):
/// its event type has source-generated JSON metadata (<see cref="ClusterJsonContext"/>), so the generated
/// start can.
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
