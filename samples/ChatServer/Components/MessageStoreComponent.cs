using Asphalt;

namespace ChatServer.Components;

/// <summary>Options of <see cref="MessageStoreComponent"/> (section <c>components:store</c>).</summary>
public sealed class StoreOptions
{
    /// <summary>The SQLite database file.</summary>
    public string Path { get; set; } = "chat.db";
}

/// <summary>Opens the chat history database and publishes it as <see cref="MessageStore"/> 'default'.</summary>
[Component("store")]
public sealed partial class MessageStoreComponent(StoreOptions options)
{
    /// <summary>Opens the store; the context closes it at teardown (owned).</summary>
    [return: Resource(Owned = true)]
    public Task<MessageStore> StartAsync(CancellationToken cancellationToken) =>
        MessageStore.OpenAsync(options.Path, cancellationToken);
}
