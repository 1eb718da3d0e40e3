using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Asphalt.Redis;

/// <summary>
/// Connects to Redis (or any server speaking its protocol) and publishes the connection as
/// <see cref="IConnectionMultiplexer"/>, its database as <see cref="IDatabase"/> and a
/// <see cref="ISignalTransport"/> over its pub/sub channels (what bridged signals go through), all under the
/// component's resource name. The connection is closed at teardown. Options: <see cref="RedisOptions"/>.
/// </summary>
[Component("redis")]
public sealed partial class RedisComponent(RedisOptions options)
{
    /// <summary>The connection's database (<see cref="RedisOptions.Database"/>), published once the start step has connected.</summary>
    [Resource]
    public IDatabase Database { get; private set; } = null!;

    /// <summary>Bridges signals over the connection's pub/sub channels (<c>[Signal(..., Channel = ...)]</c>, <c>bridges:</c>).</summary>
    [Resource]
    public ISignalTransport SignalTransport { get; private set; } = null!;

    /// <summary>Connects; start fails with <see cref="RedisUnavailableException"/> when no server answers.</summary>
    [return: Resource(Owned = true)]
    public async Task<IConnectionMultiplexer> StartAsync(CancellationToken cancellationToken, Context context)
    {
        var logger = context.LoggerFactory.CreateLogger("Asphalt.Redis");
        var connection = await RedisConnector.ConnectAsync(options, logger, cancellationToken).ConfigureAwait(false);
        Database = connection.GetDatabase(options.Database);
        SignalTransport = new RedisSignalTransport(connection, logger);
        return connection;
    }
}
