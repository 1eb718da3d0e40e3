using System.Threading.Channels;
using Asphalt.Redis.Tests.Support;
using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Asphalt.Redis.Tests;

/// <summary>
/// Two (or three) instances in one test process, each with its own connection, signal and bridge, as
/// separate processes would have; against a real server (Garnet, or redis-server in CI).
/// </summary>
public sealed class SignalBridgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_event_reaches_the_other_instance_once_and_never_comes_back_to_its_own()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "notes");
        await using var b = await Instance.StartAsync(broker, "notes");
        var streamed = b.Signal.StreamEvents().GetAsyncEnumerator();
        var firstStreamed = streamed.MoveNextAsync().AsTask();

        var waited = b.Signal.WaitEventAsync(n => n.Text == "hello");
        Assert.True(await a.Signal.DispatchAsync(new Note("hello", 1)));
        Assert.Equal(new Note("hello", 1), await waited.WaitAsync(Timeout));
        Assert.True(await firstStreamed.WaitAsync(Timeout));
        Assert.Equal(new Note("hello", 1), streamed.Current);
        await streamed.DisposeAsync();

        // Redis delivers in order: a's own echo of "hello" would reach a before b's reply does.
        var reply = a.Signal.WaitEventAsync(n => n.Text == "reply");
        await b.Signal.DispatchAsync(new Note("reply", 2));
        await reply.WaitAsync(Timeout);
        Assert.Equal(["hello", "reply"], a.Received.Select(n => n.Text));
        Assert.Equal(["hello", "reply"], b.Received.Select(n => n.Text));
    }

    [Fact]
    public async Task A_bridge_alone_on_its_channel_publishes_nothing_until_another_instance_joins()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "lonely");
        Assert.False(a.Bridge!.IsAloneOnChannel); // Until a publish counts its receivers, it publishes.
        await a.Signal.DispatchAsync(new Note("nobody hears this", 1));
        await WaitUntilAsync(() => a.Bridge.IsAloneOnChannel);

        await using var b = await Instance.StartAsync(broker, "lonely");
        await WaitUntilAsync(() => !a.Bridge.IsAloneOnChannel); // b's hello.
        var heard = b.Signal.WaitEventAsync();
        await a.Signal.DispatchAsync(new Note("welcome", 2));
        Assert.Equal("welcome", (await heard.WaitAsync(Timeout)).Text);
    }

    [Fact]
    public async Task A_malformed_or_foreign_message_is_logged_with_channel_and_reason_and_dropped()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "notes");
        await using var b = await Instance.StartAsync(broker, "notes");
        var raw = a.Connection.GetSubscriber();
        await raw.PublishAsync(RedisChannel.Literal("notes"), "hello from elsewhere");
        await raw.PublishAsync(RedisChannel.Literal("notes"), """{"origin":"x","event":{"Text":"t","Number":"not a number"}}""");
        await raw.PublishAsync(RedisChannel.Literal("notes"), """{"origin":"x","event":{"Text":"t","Number":-1}}"""); // The event's own constructor refuses it.
        await raw.PublishAsync(RedisChannel.Literal("notes"), """{"event":{"Text":"t","Number":1}}""");

        await b.Logs.WaitForAsync(r => r.Message.Contains("no \"origin\" string", StringComparison.Ordinal), Timeout);
        var malformed = b.Logs.Records.Where(r => r.Message.StartsWith("Redis channel 'notes': dropped a message that is not an event of signal 'notes'", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, malformed.Count);
        Assert.All(malformed, r => Assert.Equal(LogLevel.Warning, r.Level));
        Assert.Contains("'h' is an invalid start of a value", malformed[0].Message, StringComparison.Ordinal);
        Assert.Contains("$.Number", malformed[1].Message, StringComparison.Ordinal);
        Assert.Contains("must not be negative", malformed[2].Message, StringComparison.Ordinal);

        // A hello that also carries an event is an event (found by review: the event was dropped silently).
        var both = b.Signal.WaitEventAsync(n => n.Text == "greeting");
        await raw.PublishAsync(RedisChannel.Literal("notes"), """{"origin":"x","hello":true,"event":{"Text":"greeting","Number":4}}""");
        Assert.Equal(new Note("greeting", 4), await both.WaitAsync(Timeout));

        // The bridge goes on.
        var next = b.Signal.WaitEventAsync();
        await a.Signal.DispatchAsync(new Note("still here", 3));
        Assert.Equal("still here", (await next.WaitAsync(Timeout)).Text);
        Assert.Equal(["greeting", "still here"], b.Received.Select(n => n.Text));
    }

    [Fact]
    public async Task A_slow_listener_never_holds_up_the_connection_and_overflow_is_dropped_with_one_warning()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "slow", new SignalBridgeOptions { IncomingQueueSize = 3 });
        await using var b = await Instance.StartAsync(broker, "slow", new SignalBridgeOptions { IncomingQueueSize = 3 });
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        b.Signal.Connect(async _ =>
        {
            blocked.TrySetResult();
            await release.Task;
        });

        // A second bridge on b's connection: while b's first listener is stuck, it still receives.
        var otherSignal = new Signal<Note>("other");
        await using var otherB = await SignalBridge<Note>.StartAsync(b.Connection, otherSignal, "other", TestJsonContext.Default.Note, b.Logger);
        var otherSignalA = new Signal<Note>("other");
        await using var otherA = await SignalBridge<Note>.StartAsync(a.Connection, otherSignalA, "other", TestJsonContext.Default.Note, a.Logger);

        await a.Signal.DispatchAsync(new Note("first", 0));
        await blocked.Task.WaitAsync(Timeout);
        for (var i = 1; i <= 10; i++)
        {
            await a.Signal.DispatchAsync(new Note("more", i));
        }

        var other = otherSignal.WaitEventAsync();
        await otherSignalA.DispatchAsync(new Note("meanwhile", 99));
        Assert.Equal("meanwhile", (await other.WaitAsync(Timeout)).Text);
        await b.Logs.WaitForAsync(r => r.Message.Contains("received events waiting for its listeners", StringComparison.Ordinal), Timeout);

        release.SetResult();
        await WaitUntilAsync(() => b.Received.Count == 4); // "first" and the three that waited.
        var after = b.Signal.WaitEventAsync(n => n.Text == "after");
        await a.Signal.DispatchAsync(new Note("after", 100));
        await after.WaitAsync(Timeout);
        Assert.Single(b.Logs.Records, r => r.Message.Contains("received events waiting for its listeners", StringComparison.Ordinal));
        // "first" was being dispatched, 3 waited in the queue, the rest were dropped.
        Assert.Equal(["first", "more", "more", "more", "after"], b.Received.Select(n => n.Text));
    }

    [Fact]
    public async Task Broker_lost_local_dispatch_goes_on_overflow_dropped_with_one_warning_then_reconnects_and_resubscribes()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "outage", new SignalBridgeOptions { OutgoingBufferSize = 5 });
        await using var b = await Instance.StartAsync(broker, "outage");

        broker.Kill();
        await WaitUntilAsync(() => !a.Connection.IsConnected && !b.Connection.IsConnected);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(await a.Signal.DispatchAsync(new Note("during", i)));
        }

        Assert.Equal(20, a.Received.Count); // Local listeners had every event.
        Assert.Single(a.Logs.Records, r => r.Message.Contains("further events of signal 'outage' are dropped", StringComparison.Ordinal));

        await broker.RestartAsync();
        await a.Logs.WaitForAsync(r => r.Message.Contains("connection back; 15 outgoing events", StringComparison.Ordinal), Timeout);
        // Pub/sub is at most once: b may miss what was published before it resubscribed, so keep saying it.
        var heard = b.Signal.WaitEventAsync(n => n.Text == "after");
        for (var i = 0; !heard.IsCompleted; i++)
        {
            await a.Signal.DispatchAsync(new Note("after", i));
            await Task.WhenAny(heard, Task.Delay(200));
            Assert.True(i < 300, "b never heard from a after the broker came back");
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    /// <summary>What one process holds: a connection, a signal, its bridge, what its listener received and its log.</summary>
    [Fact]
    public async Task A_signal_is_bridged_once_a_second_bridge_is_refused_naming_both_channels_until_the_first_is_disposed()
    {
        using var broker = await Broker.StartAsync();
        await using var a = await Instance.StartAsync(broker, "first");

        // A second bridge would republish the first one's remote events as its own, and they would echo forever.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => SignalBridge<Note>.StartAsync(a.Connection, a.Signal, "second", TestJsonContext.Default.Note, a.Logger));
        Assert.Contains("Signal 'first' is already bridged to Redis channel 'first'", error.Message);
        Assert.Contains("channel 'second'", error.Message);

        await a.Bridge!.DisposeAsync();
        await using var again = await SignalBridge<Note>.StartAsync(a.Connection, a.Signal, "second", TestJsonContext.Default.Note, a.Logger);
        Assert.Equal("second", again.ChannelName);
    }

    private sealed class Instance : IAsyncDisposable
    {
        private readonly Channel<Note> _received = Channel.CreateUnbounded<Note>();

        private Instance(ConnectionMultiplexer connection, Signal<Note> signal, CapturingLoggerProvider logs)
        {
            Connection = connection;
            Signal = signal;
            Logs = logs;
            Logger = logs.CreateLogger("bridge");
            signal.Connect(n => Received.Add(n));
        }

        public ConnectionMultiplexer Connection { get; }

        public Signal<Note> Signal { get; }

        public CapturingLoggerProvider Logs { get; }

        public ILogger Logger { get; }

        public SynchronizedList Received { get; } = new();

        public SignalBridge<Note>? Bridge { get; private set; }

        public static async Task<Instance> StartAsync(Broker broker, string channel, SignalBridgeOptions? options = null)
        {
            var logs = new CapturingLoggerProvider();
            var connection = await RedisConnector.ConnectAsync(new RedisOptions { Endpoints = broker.Endpoint }, logs.CreateLogger("redis"), CancellationToken.None);
            var instance = new Instance(connection, new Signal<Note>(channel), logs);
            instance.Bridge = await SignalBridge<Note>.StartAsync(connection, instance.Signal, channel, TestJsonContext.Default.Note, instance.Logger, options);
            return instance;
        }

        public async ValueTask DisposeAsync()
        {
            if (Bridge is not null)
            {
                await Bridge.DisposeAsync();
            }

            await Connection.DisposeAsync();
        }
    }

    /// <summary>Events in the order a listener saw them; safe to read while listeners add.</summary>
    private sealed class SynchronizedList : IEnumerable<Note>
    {
        private readonly Lock _gate = new();
        private readonly List<Note> _items = [];

        public int Count
        {
            get
            {
                lock (_gate)
                {
                    return _items.Count;
                }
            }
        }

        public void Add(Note note)
        {
            lock (_gate)
            {
                _items.Add(note);
            }
        }

        public IEnumerator<Note> GetEnumerator()
        {
            lock (_gate)
            {
                return _items.ToList().GetEnumerator();
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
