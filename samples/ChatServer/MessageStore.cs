using Microsoft.Data.Sqlite;

namespace ChatServer;

/// <summary>Chat history in SQLite: one connection, serialized, all I/O asynchronous.</summary>
public sealed class MessageStore : IAsyncDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private MessageStore(SqliteConnection connection) => _connection = connection;

    /// <summary>Opens (and if needed creates) the database at <paramref name="path"/>.</summary>
    public static async Task<MessageStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path }.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, user TEXT NOT NULL, text TEXT NOT NULL, at TEXT NOT NULL)";
        await create.ExecuteNonQueryAsync(cancellationToken);
        return new MessageStore(connection);
    }

    /// <summary>Stores a message.</summary>
    public async Task SaveAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var insert = _connection.CreateCommand();
            insert.CommandText = "INSERT INTO messages (user, text, at) VALUES ($user, $text, $at)";
            insert.Parameters.AddWithValue("$user", message.User);
            insert.Parameters.AddWithValue("$text", message.Text);
            insert.Parameters.AddWithValue("$at", message.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last <paramref name="count"/> messages, oldest first.</summary>
    public async Task<IReadOnlyList<ChatMessage>> RecentAsync(int count, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var select = _connection.CreateCommand();
            select.CommandText = "SELECT user, text, at FROM (SELECT * FROM messages ORDER BY id DESC LIMIT $count) ORDER BY id";
            select.Parameters.AddWithValue("$count", count);
            return await ReadAsync(select, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<IReadOnlyList<ChatMessage>> ReadAsync(SqliteCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var messages = new List<ChatMessage>();
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new ChatMessage(reader.GetString(0), reader.GetString(1),
                DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return messages;
    }

    /// <summary>
    /// The first <paramref name="limit"/> messages received after <paramref name="since"/>, oldest first.
    /// </summary>
    public async Task<IReadOnlyList<ChatMessage>> SinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Times are stored as UTC round-trip text, which sorts as the times do.
            await using var select = _connection.CreateCommand();
            select.CommandText = "SELECT user, text, at FROM messages WHERE at > $since ORDER BY id LIMIT $limit";
            select.Parameters.AddWithValue("$since", since.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            select.Parameters.AddWithValue("$limit", limit);
            return await ReadAsync(select, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Closes the database.</summary>
    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
