using Asphalt;

namespace ChatServer.Components;

/// <summary>Counts messages per user and publishes the counts as <see cref="ChatStats"/>.</summary>
[Component("stats")]
public sealed partial class StatsComponent
{
    /// <summary>The counts, for the <c>/stats</c> command.</summary>
    [Resource]
    public ChatStats Stats { get; } = new();

    [SignalListener("messages")]
    private void Count(ChatMessage message) => Stats.Count(message);
}
