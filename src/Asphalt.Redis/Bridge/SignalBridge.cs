using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Asphalt.Redis;

/// <summary>
/// Carries one <see cref="Signal{TEvent}"/> across processes over a Redis pub/sub channel: every
/// event dispatched locally is published to the channel, and every event another instance published
/// is dispatched locally, so listeners, <c>WaitEventAsync</c> and <c>StreamEvents</c> see remote events
/// as they see local ones. An instance never receives its own events back (each message carries the
/// instance's origin id). Delivery is at most once, as Redis pub/sub is; docs/redis.md lists what
/// happens when the connection is lost, a message is malformed or a listener is slow.
/// </summary>
/// <typeparam name="TEvent">The event type; serialized with System.Text.Json source generation.</typeparam>
/// <example>
/// <code>
/// [JsonSerializable(typeof(ChatMessage))]
/// internal sealed partial class ChatJson : JsonSerializerContext;
/// ...
/// var bridge = await SignalBridge&lt;ChatMessage&gt;.StartAsync(redis, messages, "chat", ChatJson.Default.ChatMessage, logger);
/// context.AddTeardown(bridge.DisposeAsync, "stop the chat bridge");
/// </code>
/// </example>
public sealed class SignalBridge<TEvent> : IAsyncDisposable
{
    // The signals bridged in this process, each to its one bridge; an entry goes when its bridge is disposed.
    private static readonly ConditionalWeakTable<Signal<TEvent>, SignalBridge<TEvent>> Bridged = new();

    private readonly IConnectionMultiplexer _connection;
    private readonly Signal<TEvent> _signal;
    private readonly RedisChannel _channel;
    private readonly JsonTypeInfo<TEvent> _typeInfo;
    private readonly ILogger _logger;
    private readonly Channel<TEvent> _outgoing;
    private readonly Channel<TEvent> _incoming;
    private readonly int _outgoingCapacity;
    private readonly int _incomingCapacity;
    private readonly Action<TEvent> _publishLocal;
    private readonly byte[] _ownPrefix;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource _restored = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ChannelMessageQueue? _subscription;
    private Task _publisher = Task.CompletedTask;
    private Task _dispatcher = Task.CompletedTask;
    private int _outgoingFull;   // 1 from the first dropped outgoing event until publishing resumes
    private long _outgoingDropped;
    private int _incomingFull;   // 1 from the first dropped incoming event until the listeners catch up
    private int _disposed;

    // Whether a publish found no other subscriber: then local events are not even queued (a bridged
    // signal alone on its channel costs little more than an unbridged one). Set only from a publish's
    // receiver count, and only if no other instance said hello since that publish left (_helloEpoch).
    private int _aloneOnChannel;
    private int _helloEpoch;
    private int _publishesUntilCount;   // every CountEvery-th publish asks Redis how many received it
    private const int CountEvery = 1024;

    /// <summary>How often a bridge says hello, so one that found itself alone hears of instances that (re)subscribed.</summary>
    public static readonly TimeSpan HelloInterval = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stopHello = new();
    private Task _hello = Task.CompletedTask;

    private SignalBridge(
        IConnectionMultiplexer connection, Signal<TEvent> signal, string channel, JsonTypeInfo<TEvent> typeInfo, ILogger logger, SignalBridgeOptions options)
    {
        _connection = connection;
        _signal = signal;
        ChannelName = channel;
        _channel = RedisChannel.Literal(channel);
        _typeInfo = typeInfo;
        _logger = logger;
        _outgoingCapacity = options.OutgoingBufferSize;
        _incomingCapacity = options.IncomingQueueSize;
        // FullMode Wait makes TryWrite return false when full, which is where drops are counted; nothing ever waits.
        _outgoing = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(_outgoingCapacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _incoming = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(_incomingCapacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        _publishLocal = OnLocalEvent;
        _ownPrefix = BridgeEnvelope.Prefix(Origin);
    }

    /// <summary>This instance's id, carried by every message it publishes.</summary>
    public string Origin { get; } = Guid.NewGuid().ToString("N");

    /// <summary>
    /// True after a publish found no other instance subscribed to the channel: local events are then
    /// not published at all, until another instance says hello (when it starts, and every
    /// <see cref="HelloInterval"/>) or publishes. One publish in 1,024 is counted.
    /// </summary>
    public bool IsAloneOnChannel => Volatile.Read(ref _aloneOnChannel) == 1;

    /// <summary>The Redis channel.</summary>
    public string ChannelName { get; }

    /// <summary>
    /// Subscribes to <paramref name="channel"/> and connects to <paramref name="signal"/>; from then on
    /// events flow both ways until the bridge is disposed.
    /// </summary>
    /// <param name="connection">The connection (the <c>redis</c> component's resource).</param>
    /// <param name="signal">The local signal.</param>
    /// <param name="channel">The Redis channel; every instance bridging the same signal names the same one.</param>
    /// <param name="typeInfo">The event type's source-generated metadata, <c>MyJsonContext.Default.MyEvent</c>.</param>
    /// <param name="logger">Where drops, malformed messages and outages are logged.</param>
    /// <param name="options">Buffer bounds; defaults when null.</param>
    public static async Task<SignalBridge<TEvent>> StartAsync(
        IConnectionMultiplexer connection,
        Signal<TEvent> signal,
        string channel,
        JsonTypeInfo<TEvent> typeInfo,
        ILogger logger,
        SignalBridgeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(logger);
        var bridge = new SignalBridge<TEvent>(connection, signal, channel, typeInfo, logger, options ?? new SignalBridgeOptions());
        if (!Bridged.TryAdd(signal, bridge))
        {
            // A second bridge would republish the first one's remote events as its own: they would echo forever.
            throw new InvalidOperationException(
                $"Signal '{signal.Name}' is already bridged to Redis channel '{(Bridged.TryGetValue(signal, out var first) ? first.ChannelName : "?")}'; " +
                $"it cannot also be bridged to channel '{bridge.ChannelName}'. Bridge a signal once: in code ([Signal(Channel = ...)]) or in configuration (bridges:), not both.");
        }

        try
        {
            await bridge.StartAsync().ConfigureAwait(false);
        }
        catch
        {
            Bridged.Remove(signal);
            throw;
        }

        return bridge;
    }

    private async Task StartAsync()
    {
        _connection.ConnectionRestored += OnConnectionRestored;
        _subscription = await _connection.GetSubscriber().SubscribeAsync(_channel).ConfigureAwait(false);
        // Called in order, one message at a time, by the client's reader: it only parses and queues.
        _subscription.OnMessage(OnRemoteMessage);
        // Instances already on the channel that found themselves alone start publishing again.
        await _connection.GetSubscriber().PublishAsync(_channel, BridgeEnvelope.Hello(Origin)).ConfigureAwait(false);
        _hello = Task.Run(HelloLoopAsync);
        _publisher = Task.Run(PublishLoopAsync);
        _dispatcher = Task.Run(DispatchLoopAsync);
        _signal.Connect(_publishLocal, $"Redis bridge to channel '{ChannelName}'");
        Log.Bridged(_logger, _signal.Name, ChannelName, Origin);
    }

    // The local side: runs inside DispatchAsync, so it only queues; never blocks, never throws.
    private void OnLocalEvent(TEvent @event)
    {
        if (Volatile.Read(ref _aloneOnChannel) == 1 || RemoteDispatch.IsDispatching(this))
        {
            return; // Nobody else would hear it, or it came from another instance: not ours to publish again.
        }

        if (!_outgoing.Writer.TryWrite(@event))
        {
            Interlocked.Increment(ref _outgoingDropped);
            if (Volatile.Read(ref _disposed) == 0 && Interlocked.Exchange(ref _outgoingFull, 1) == 0)
            {
                Log.OutgoingDropped(_logger, ChannelName, _signal.Name, _outgoingCapacity);
            }
        }
    }

    private async Task PublishLoopAsync()
    {
        var subscriber = _connection.GetSubscriber();
        var buffer = new ArrayBufferWriter<byte>(256);
        var reader = _outgoing.Reader;
        try
        {
            while (await reader.WaitToReadAsync(_stopping.Token).ConfigureAwait(false))
            {
                // While the connection is lost, events stay in the bounded buffer instead of the client's backlog.
                await WaitForConnectionAsync().ConfigureAwait(false);
                while (reader.TryRead(out var @event))
                {
                    buffer.ResetWrittenCount();
                    try
                    {
                        BridgeEnvelope.Write(buffer, Origin, @event, _typeInfo);
                        var message = buffer.WrittenSpan.ToArray();
                        if (--_publishesUntilCount > 0)
                        {
                            // Fire and forget: pipelined like raw pub/sub; delivery is at most once either way.
                            subscriber.Publish(_channel, message, CommandFlags.FireAndForget);
                        }
                        else
                        {
                            _publishesUntilCount = CountEvery;
                            var epoch = Volatile.Read(ref _helloEpoch);
                            var receivers = await subscriber.PublishAsync(_channel, message).ConfigureAwait(false);
                            if (receivers <= 1 && epoch == Volatile.Read(ref _helloEpoch))
                            {
                                Volatile.Write(ref _aloneOnChannel, 1); // Only our own subscription heard it.
                            }
                        }
                    }
                    catch (Exception error) when (error is not OperationCanceledException)
                    {
                        Log.PublishFailed(_logger, ChannelName, _signal.Name, error);
                    }
                }

                if (Interlocked.Exchange(ref _outgoingFull, 0) == 1)
                {
                    Log.OutgoingResumed(_logger, ChannelName, _signal.Name, Interlocked.Exchange(ref _outgoingDropped, 0));
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Disposed while waiting for the connection: what is still buffered is dropped.
        }
    }

    private async Task WaitForConnectionAsync()
    {
        while (!_connection.IsConnected)
        {
            var restored = Volatile.Read(ref _restored).Task;
            if (_connection.IsConnected)
            {
                return;
            }

            // The event normally ends the wait; the period only covers a restore that raced the check above.
            try
            {
                await restored.WaitAsync(TimeSpan.FromSeconds(1), _stopping.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) =>
        Interlocked.Exchange(ref _restored, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    // After a broker restart nobody knows who resubscribed: saying hello now and then tells them.
    private async Task HelloLoopAsync()
    {
        var hello = BridgeEnvelope.Hello(Origin);
        using var timer = new PeriodicTimer(HelloInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopHello.Token).ConfigureAwait(false))
            {
                if (_connection.IsConnected)
                {
                    _connection.GetSubscriber().Publish(_channel, hello, CommandFlags.FireAndForget);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    // The remote side, on the client's reader: parse and queue, never wait for a listener.
    private void OnRemoteMessage(ChannelMessage message)
    {
        var payload = (ReadOnlyMemory<byte>)message.Message;
        if (payload.Span.StartsWith(_ownPrefix))
        {
            return; // Our own event or hello, echoed by Redis (every message we write starts with our origin): our listeners had it when it was dispatched.
        }

        if (!BridgeEnvelope.TryRead(payload.Span, _typeInfo, out var origin, out var @event, out var hello, out var reason))
        {
            Log.Malformed(_logger, ChannelName, _signal.Name, reason!);
            return;
        }

        // Another instance is on the channel: publish again, and count again before concluding otherwise.
        Interlocked.Increment(ref _helloEpoch);
        Volatile.Write(ref _aloneOnChannel, 0);
        if (hello)
        {
            return;
        }

        if (!_incoming.Writer.TryWrite(@event!) && Interlocked.Exchange(ref _incomingFull, 1) == 0)
        {
            Log.IncomingDropped(_logger, ChannelName, _signal.Name, _incomingCapacity);
        }
    }

    private async Task DispatchLoopAsync()
    {
        var reader = _incoming.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var @event))
            {
                // A listener's failure is logged by the signal; the loop goes on.
                await RemoteDispatch.DispatchAsync(this, _signal, @event).ConfigureAwait(false);
            }

            Volatile.Write(ref _incomingFull, 0);
        }
    }

    /// <summary>
    /// Disconnects from the signal and unsubscribes; events already received are dispatched, events
    /// still buffered for publishing are published if the connection is up, dropped otherwise.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _signal.Disconnect(_publishLocal);
        Bridged.Remove(_signal);
        _connection.ConnectionRestored -= OnConnectionRestored;
        await _stopHello.CancelAsync().ConfigureAwait(false);
        await _hello.ConfigureAwait(false);
        _stopHello.Dispose();
        if (_subscription is not null)
        {
            try
            {
                await _subscription.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is RedisException or TimeoutException)
            {
                // The connection is gone: so is the subscription.
            }
        }

        _incoming.Writer.TryComplete();
        _outgoing.Writer.TryComplete();

        // Buffered events go out while the connection lasts; once it is down (now, or while they
        // drain) they are dropped, so a close never waits for a broker that may not come back.
        var drained = Task.WhenAll(_publisher, _dispatcher);
        while (!drained.IsCompleted)
        {
            if (!_connection.IsConnected)
            {
                await _stopping.CancelAsync().ConfigureAwait(false);
                break;
            }

            await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(1))).ConfigureAwait(false);
        }

        await drained.ConfigureAwait(false);
        _stopping.Dispose();
    }
}
