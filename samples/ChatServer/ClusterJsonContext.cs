using System.Text.Json.Serialization;

namespace ChatServer;

/// <summary>
/// How chat messages cross between nodes: System.Text.Json source generation, no reflection (NativeAOT).
/// Its presence is what lets configuration bridge the room's <c>messages</c> signal (<c>bridges:</c>).
/// </summary>
[JsonSerializable(typeof(ChatMessage))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
