using System.Text.Json.Serialization;

namespace ChatServer;

/// <summary>How chat messages cross between nodes: System.Text.Json source generation, no reflection (NativeAOT).</summary>
[JsonSerializable(typeof(ChatMessage))]
internal sealed partial class ClusterJsonContext : JsonSerializerContext;
