using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Asphalt.Redis;

/// <summary>
/// The <see cref="ISignalTransport"/> the <c>redis</c> component publishes: each bridge is a
/// <see cref="SignalBridge{TEvent}"/> on the component's connection, over a pub/sub channel.
/// </summary>
/// <param name="connection">The connection bridges publish and subscribe on.</param>
/// <param name="logger">Where bridges log drops, malformed messages and outages.</param>
/// <param name="options">The bridges' buffer bounds; defaults when null.</param>
public sealed class RedisSignalTransport(IConnectionMultiplexer connection, ILogger logger, SignalBridgeOptions? options = null) : ISignalTransport
{
    /// <inheritdoc />
    public async ValueTask<IAsyncDisposable> BridgeAsync<TEvent>(Signal<TEvent> signal, string channel, JsonTypeInfo<TEvent> eventType, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await SignalBridge<TEvent>.StartAsync(connection, signal, channel, eventType, logger, options).ConfigureAwait(false);
    }
}
