using System.Net;
using System.Net.Sockets;
using System.Text;
using ChatServer;
using ChatServer.Components;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>The chat sample, wired by generated code, run for real: TCP clients on loopback, SQLite on disk.</summary>
public sealed class ChatServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Clients_chat_over_loopback_with_stats_history_and_clean_teardown()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-{Guid.NewGuid():N}.db");
        try
        {
            await using (var server = await Server.StartAsync(database))
            {
                using var alice = await ChatClient.JoinAsync(server.Port, "alice");
                using var bob = await ChatClient.JoinAsync(server.Port, "bob");
                Assert.Equal(["joined as alice"], alice.Greeting);

                await alice.SendAsync("hello");
                Assert.Equal("alice: hello", await bob.ReadLineAsync());
                Assert.Equal("alice: hello", await alice.ReadLineAsync());

                // A client's lines are handled in order and a dispatch completes every listener, so a
                // client asking after its own message sees it counted.
                await alice.SendAsync("/stats");
                Assert.Equal("[stats] alice=1", await alice.ReadLineAsync());

                await bob.SendAsync("hi alice");
                Assert.Equal("bob: hi alice", await alice.ReadLineAsync());
                Assert.Equal("bob: hi alice", await bob.ReadLineAsync());

                await bob.SendAsync("/stats");
                Assert.Equal("[stats] alice=1 bob=1", await bob.ReadLineAsync());

                await server.DisposeAsync();

                // Teardown closed the connections and the listening socket.
                Assert.Null(await alice.ReadLineAsync());
                await Assert.ThrowsAnyAsync<SocketException>(() => ChatClient.JoinAsync(server.Port, "late"));
            }

            // The history was written to SQLite by the history component and survives a restart.
            await using (var server = await Server.StartAsync(database))
            {
                using var carol = await ChatClient.JoinAsync(server.Port, "carol");
                Assert.Equal(["[history] alice: hello", "[history] bob: hi alice", "joined as carol"], carol.Greeting);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public async Task A_client_that_never_reads_is_dropped_while_everyone_else_gets_every_message()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-{Guid.NewGuid():N}.db");
        try
        {
            using var server = await ChatServerProcess.StartAsync(database, "components:listener:sendQueueSize=8");
            var socketsBeforeClients = server.OpenSockets();

            // Joins, says something, then never reads; a small receive buffer fills quickly.
            using var silent = new TcpClient { ReceiveBufferSize = 1024 };
            await silent.ConnectAsync(IPAddress.Loopback, server.Port).WaitAsync(Timeout);
            await silent.GetStream().WriteAsync("silent\n"u8.ToArray()).AsTask().WaitAsync(Timeout);

            var active = new List<ChatClient>();
            foreach (var user in new[] { "ann", "ben", "cat" })
            {
                active.Add(await ChatClient.JoinAsync(server.Port, user));
            }

            Assert.True(server.OpenSockets() >= socketsBeforeClients + 4, "the server holds one socket per client");
            await silent.GetStream().WriteAsync("I will not read\n"u8.ToArray()).AsTask().WaitAsync(Timeout);
            foreach (var client in active)
            {
                Assert.Equal("silent: I will not read", await client.ReadLineAsync());
            }

            // Rounds until the server gives up on the silent client: in each, every active client says
            // one long line and every active client receives all of them. The bound on rounds is far
            // above what the socket buffers and the 8-line queue can hold.
            var padding = new string('x', 4000);
            var round = 0;
            for (; !server.Output.Contains("too slow", StringComparison.Ordinal); round++)
            {
                Assert.True(round < 5000, "the silent client was never dropped:\n" + server.Output);
                await SayAndHearAsync(active, round, padding);
            }

            // Delivery goes on after the drop; the silent client's connection was closed by the server:
            // what it finally reads ends.
            await SayAndHearAsync(active, round, padding);
            await DrainUntilClosedAsync(silent);
            await SayAndHearAsync(active, round + 1, padding);

            foreach (var client in active)
            {
                client.Dispose();
            }

            // Everyone left: a newcomer still chats; once it left too, every client socket is closed,
            // and SIGTERM stops the server cleanly.
            using (var late = await ChatClient.JoinAsync(server.Port, "dan"))
            {
                await late.SendAsync("anyone?");
                Assert.Equal("dan: anyone?", await late.ReadLineAsync());
            }

            await server.WaitForOpenSocketsAsync(socketsBeforeClients, TimeSpan.FromSeconds(30));

            Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(60)));
            var log = server.Output;
            Assert.Contains("Application stopped (exit code 0)", log);
            Assert.Single(log.Split('\n'), line => line.Contains("too slow", StringComparison.Ordinal)); // Logged once.
            Assert.DoesNotContain("Exception", log);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    [Fact]
    public async Task A_backlogged_client_that_disconnects_leaves_no_trace()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-{Guid.NewGuid():N}.db");
        try
        {
            // A queue large enough that the silent client is never dropped: it leaves by itself.
            using var server = await ChatServerProcess.StartAsync(database, "components:listener:sendQueueSize=100000");
            var socketsBeforeClients = server.OpenSockets();
            var silent = new TcpClient { ReceiveBufferSize = 1024 };
            await silent.ConnectAsync(IPAddress.Loopback, server.Port).WaitAsync(Timeout);
            await silent.GetStream().WriteAsync("silent\n"u8.ToArray()).AsTask().WaitAsync(Timeout);
            var active = new List<ChatClient>();
            foreach (var user in new[] { "ann", "ben", "cat" })
            {
                active.Add(await ChatClient.JoinAsync(server.Port, user));
            }

            // Everyone says 300 long lines (3.6 MB in all, more than the silent client's socket buffers
            // take) while reading everything said; once all is sent, the silent client goes away
            // without having read any of it.
            const int Lines = 300;
            var padding = new string('x', 4000);
            var hearing = active.Select(client => HearAsync(client, Lines * active.Count)).ToList();
            await Task.WhenAll(active.Select(async client =>
            {
                for (var i = 0; i < Lines; i++)
                {
                    await client.SendAsync($"{client.User} {i} {padding}");
                }
            }));
            silent.Dispose();

            var expected = active.SelectMany(client => Enumerable.Range(0, Lines).Select(i => $"{client.User}: {client.User} {i} {padding}")).ToList();
            foreach (var heard in await Task.WhenAll(hearing))
            {
                Assert.Equal(expected.Order(StringComparer.Ordinal), heard.Order(StringComparer.Ordinal));
            }

            await server.WaitForOpenSocketsAsync(socketsBeforeClients + active.Count, TimeSpan.FromSeconds(30));
            foreach (var client in active)
            {
                client.Dispose();
            }

            await server.WaitForOpenSocketsAsync(socketsBeforeClients, TimeSpan.FromSeconds(30));
            Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Application stopped (exit code 0)", server.Output);
            Assert.DoesNotContain("too slow", server.Output);
            Assert.DoesNotContain("Exception", server.Output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }

        static async Task<List<string>> HearAsync(ChatClient client, int count)
        {
            var heard = new List<string>();
            while (heard.Count < count && await client.ReadLineAsync() is { } line)
            {
                heard.Add(line);
            }

            return heard;
        }
    }

    [Fact]
    public async Task A_line_over_the_limit_disconnects_only_its_sender()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-{Guid.NewGuid():N}.db");
        try
        {
            using var server = await ChatServerProcess.StartAsync(database, "components:listener:maxLineLength=100");
            using var ann = await ChatClient.JoinAsync(server.Port, "ann");
            using var ben = await ChatClient.JoinAsync(server.Port, "ben");
            using (var loud = await ChatClient.JoinAsync(server.Port, "loud"))
            {
                // 1 MB without a newline: the server gives up after 100 characters and closes the connection.
                var writing = loud.SendRawAsync(new string('x', 1024 * 1024));
                Assert.Null(await loud.ReadLineAsync());
                await Record.ExceptionAsync(() => writing); // Fails or not, depending on when the reset came.
            }

            await ann.SendAsync(new string('y', 100)); // Exactly at the limit.
            Assert.Equal("ann: " + new string('y', 100), await ben.ReadLineAsync());
            Assert.Equal("ann: " + new string('y', 100), await ann.ReadLineAsync());

            Assert.Equal(0, await server.StopAsync(TimeSpan.FromSeconds(60)));
            Assert.Contains("Disconnecting chat client", server.Output);
            Assert.Contains("line longer than 100 characters", server.Output);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    // Each client says "<user> <round> <padding>"; each client must hear all of them (in any order
    // between speakers: their lines are dispatched concurrently).
    private static async Task SayAndHearAsync(List<ChatClient> clients, int round, string padding)
    {
        var expected = new List<string>();
        foreach (var client in clients)
        {
            var text = $"{client.User} {round} {padding}";
            await client.SendAsync(text);
            expected.Add($"{client.User}: {text}");
        }

        foreach (var client in clients)
        {
            var heard = new List<string>();
            for (var i = 0; i < clients.Count; i++)
            {
                heard.Add(await client.ReadLineAsync() ?? $"(connection of {client.User} closed)");
            }

            Assert.Equal(expected.Order(StringComparer.Ordinal), heard.Order(StringComparer.Ordinal));
        }
    }

    private static async Task DrainUntilClosedAsync(TcpClient client)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (await client.GetStream().ReadAsync(buffer).AsTask().WaitAsync(Timeout) > 0)
            {
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed as well.
        }
    }

    [Fact]
    public void Wiring_plan_starts_independent_components_together()
    {
        var plan = ChatServerApp.WiringPlan;
        Assert.Equal(8, plan.Components.Count);
        Assert.Equal(
            ["app/room,app/stats,app/store,app/web", "app/history,app/listener", "app/api", "app"],
            plan.StartStages.Select(stage => string.Join(",", stage)));
        var messages = Assert.Single(plan.Resources, r => r.Name == "messages");
        Assert.True(messages.IsSignal);
        Assert.Equal("app/room", messages.Provider);
        Assert.Equal(["app/history", "app/listener", "app/room", "app/stats"], messages.Consumers);
    }

    [Fact]
    public void Bad_configuration_names_the_key_path()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["components:listener:port"] = "seven" })
            .Build();
        var error = Assert.Throws<ConfigurationBindingException>(() => ChatServerApp.Create(configuration));
        Assert.Equal("components:listener:port", error.Path); // As the user spelled it.
        Assert.Equal("Int32", error.Expected);
    }

    private sealed class Server : IAsyncDisposable
    {
        private readonly Context _context;
        private bool _closed;

        private Server(Context context, int port)
        {
            _context = context;
            Port = port;
        }

        public int Port { get; }

        public static async Task<Server> StartAsync(string database)
        {
            var configuration = new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?>
                {
                    ["components:listener:port"] = "0",
                    ["components:web:port"] = "0",
                    ["components:store:path"] = database,
                })
                .Build();
            var context = new Context();
            await context.StartComponentAsync(ChatServerApp.Create(configuration), Timeout);
            return new Server(context, context.GetResource<ListenerEndpoint>().EndPoint.Port);
        }

        public async ValueTask DisposeAsync()
        {
            if (!_closed)
            {
                _closed = true;
                await _context.CloseAsync().WaitAsync(Timeout);
            }
        }
    }

    private sealed class ChatClient : IDisposable
    {
        private readonly TcpClient _client;
        private readonly StreamReader _reader;
        private readonly StreamWriter _writer;

        private ChatClient(TcpClient client, string user)
        {
            _client = client;
            User = user;
            _reader = new StreamReader(client.GetStream(), new UTF8Encoding(false));
            _writer = new StreamWriter(client.GetStream(), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
        }

        public string User { get; }

        public List<string> Greeting { get; } = [];

        public static async Task<ChatClient> JoinAsync(int port, string user)
        {
            var tcp = new TcpClient { NoDelay = true }; // A long line leaves in several writes: none waits for an ACK.
            await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
            var client = new ChatClient(tcp, user);
            await client.SendAsync(user);
            while (await client.ReadLineAsync() is { } line)
            {
                client.Greeting.Add(line);
                if (line.StartsWith("joined as ", StringComparison.Ordinal))
                {
                    break;
                }
            }

            return client;
        }

        public Task SendAsync(string line) => _writer.WriteLineAsync(line).WaitAsync(Timeout);

        public Task SendRawAsync(string text) => _writer.WriteAsync(text).WaitAsync(Timeout);

        public async Task<string?> ReadLineAsync()
        {
            try
            {
                return await _reader.ReadLineAsync().WaitAsync(Timeout);
            }
            catch (IOException)
            {
                return null; // Reset by the server: as good as closed.
            }
        }

        public void Dispose() => _client.Dispose();
    }
}
