using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Asphalt.Generators.Tests.Samples;
using Asphalt.Redis.Tests.Support;

namespace Asphalt.Redis.Tests;

/// <summary>The chat sample as three processes on three ports sharing one room through a real broker.</summary>
public sealed class ChatClusterTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("asphalt-chat-cluster-").FullName;

    private async Task<ChatServerProcess[]> StartNodesAsync(Broker broker)
    {
        var nodes = new ChatServerProcess[3];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = await ChatServerProcess.StartAsync(
                Path.Combine(_folder, $"node{i + 1}.db"), $"components:redis:endpoints={broker.Endpoint}", "components:room:bridges:messages=test-room");
        }

        return nodes;
    }

    [Fact]
    public async Task A_message_said_on_node_1_reaches_clients_on_nodes_2_and_3_exactly_once()
    {
        using var broker = await Broker.StartAsync();
        var nodes = await StartNodesAsync(broker);
        try
        {
            using var alice = await Client.JoinAsync(nodes[0].Port, "alice");
            using var bob = await Client.JoinAsync(nodes[1].Port, "bob");
            using var carol = await Client.JoinAsync(nodes[2].Port, "carol");

            await alice.SendAsync("hello from node 1");
            // A second message marks the end: whatever a node received twice would have come before it.
            await alice.SendAsync("end");
            foreach (var client in new[] { alice, bob, carol })
            {
                Assert.Equal(["alice: hello from node 1", "alice: end"], await client.ReadUntilAsync("alice: end"));
            }
        }
        finally
        {
            Array.ForEach(nodes, n => n.Dispose());
        }
    }

    [Fact]
    public async Task When_node_2_is_killed_nodes_1_and_3_go_on()
    {
        using var broker = await Broker.StartAsync();
        var nodes = await StartNodesAsync(broker);
        try
        {
            using var alice = await Client.JoinAsync(nodes[0].Port, "alice");
            using var carol = await Client.JoinAsync(nodes[2].Port, "carol");
            nodes[1].Dispose(); // Killed, not stopped.
            nodes = [nodes[0], nodes[2]];

            await alice.SendAsync("still there?");
            Assert.Equal(["alice: still there?"], await carol.ReadUntilAsync("alice: still there?"));
            await carol.SendAsync("yes");
            Assert.Equal(["alice: still there?", "carol: yes"], await alice.ReadUntilAsync("carol: yes"));
        }
        finally
        {
            Array.ForEach(nodes, n => n.Dispose());
        }
    }

    [Fact]
    public async Task When_the_broker_restarts_every_node_resumes_without_restarting()
    {
        using var broker = await Broker.StartAsync();
        var nodes = await StartNodesAsync(broker);
        try
        {
            using var alice = await Client.JoinAsync(nodes[0].Port, "alice");
            using var bob = await Client.JoinAsync(nodes[1].Port, "bob");
            using var carol = await Client.JoinAsync(nodes[2].Port, "carol");
            await alice.SendAsync("before");
            await carol.ReadUntilAsync("alice: before");

            broker.Kill();
            await alice.SendAsync("during the outage"); // Node 1's own clients still hear it.
            await alice.ReadUntilAsync("alice: during the outage");
            await broker.RestartAsync();

            // At most once: what was said before a node resubscribed may be lost, so say it until heard.
            for (var i = 0; ; i++)
            {
                Assert.True(i < 300, "nodes 2 and 3 never heard node 1 after the broker came back");
                await alice.SendAsync($"after {i}");
                if (await bob.TryReadUntilAsync(l => l.StartsWith("alice: after", StringComparison.Ordinal), TimeSpan.FromMilliseconds(200))
                    && await carol.TryReadUntilAsync(l => l.StartsWith("alice: after", StringComparison.Ordinal), Timeout))
                {
                    break;
                }
            }

            await carol.SendAsync("back");
            await alice.ReadUntilAsync("carol: back");
            await bob.ReadUntilAsync("carol: back");
            Assert.All(nodes, n => Assert.DoesNotContain("Application stopped", n.Output, StringComparison.Ordinal));
        }
        finally
        {
            Array.ForEach(nodes, n => n.Dispose());
        }
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A chat client whose lines are read in the background, so a test can wait for one with a bound.</summary>
    private sealed class Client : IDisposable
    {
        private readonly TcpClient _tcp;
        private readonly StreamWriter _writer;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

        private Client(TcpClient tcp)
        {
            _tcp = tcp;
            _writer = new StreamWriter(tcp.GetStream(), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
            _ = ReadAllAsync(new StreamReader(tcp.GetStream(), new UTF8Encoding(false)));
        }

        public static async Task<Client> JoinAsync(int port, string user)
        {
            var tcp = new TcpClient { NoDelay = true };
            await tcp.ConnectAsync("127.0.0.1", port).WaitAsync(Timeout);
            var client = new Client(tcp);
            await client.SendAsync(user);
            await client.ReadUntilAsync("joined as " + user);
            return client;
        }

        public Task SendAsync(string line) => _writer.WriteLineAsync(line).WaitAsync(Timeout);

        /// <summary>The chat lines (not history or notices) up to and including <paramref name="last"/>.</summary>
        public async Task<List<string>> ReadUntilAsync(string last)
        {
            var seen = new List<string>();
            using var deadline = new CancellationTokenSource(Timeout);
            while (true)
            {
                string line;
                try
                {
                    line = await _lines.Reader.ReadAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new Xunit.Sdk.XunitException($"'{last}' never arrived; got: {string.Join(" | ", seen)}");
                }

                if (line.Contains(": ", StringComparison.Ordinal) && !line.StartsWith('['))
                {
                    seen.Add(line);
                }

                if (line == last)
                {
                    return seen;
                }
            }
        }

        public async Task<bool> TryReadUntilAsync(Func<string, bool> match, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            try
            {
                while (!match(await _lines.Reader.ReadAsync(deadline.Token)))
                {
                }

                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        private async Task ReadAllAsync(StreamReader reader)
        {
            try
            {
                while (await reader.ReadLineAsync() is { } line)
                {
                    _lines.Writer.TryWrite(line);
                }
            }
            catch (IOException)
            {
            }
            catch (ObjectDisposedException)
            {
            }

            _lines.Writer.TryComplete();
        }

        public void Dispose() => _tcp.Dispose();
    }
}
