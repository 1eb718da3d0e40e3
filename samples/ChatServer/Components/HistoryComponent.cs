using Asphalt;

namespace ChatServer.Components;

/// <summary>Stores every message said in the room.</summary>
[Component("history")]
public sealed partial class HistoryComponent
{
    private MessageStore? _store;

    /// <summary>Takes the store that <see cref="MessageStoreComponent"/> opened.</summary>
    public void StartAsync(MessageStore store) => _store = store;

    [SignalListener("messages")]
    private async Task SaveAsync(ChatMessage message) => await _store!.SaveAsync(message);
}
