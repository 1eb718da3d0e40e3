using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Asphalt.Redis;

/// <summary>Opens a <see cref="ConnectionMultiplexer"/> as <see cref="RedisOptions"/> say; what <see cref="RedisComponent"/> does at start.</summary>
public static class RedisConnector
{
    /// <summary>
    /// Connects to the configured servers. Once connected, the multiplexer reconnects by itself after
    /// a lost connection and resubscribes its pub/sub channels.
    /// </summary>
    /// <exception cref="RedisUnavailableException">No server answered (and <see cref="RedisOptions.WaitForServer"/> is off).</exception>
    public static async Task<ConnectionMultiplexer> ConnectAsync(RedisOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        var timeout = TimeSpan.FromSeconds(options.ConnectTimeout);
        var configuration = ToConfiguration(options);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(configuration).WaitAsync(cancellationToken).ConfigureAwait(false);
                Log.Connected(logger, options.Endpoints);
                return connection;
            }
            catch (Exception error) when (error is RedisConnectionException or RedisTimeoutException or TimeoutException)
            {
                var unavailable = new RedisUnavailableException(options.Endpoints, timeout, error);
                if (!options.WaitForServer)
                {
                    throw unavailable;
                }

                // The attempt itself took up to the timeout; waiting as long again keeps a down server from being hammered.
                Log.WaitingForServer(logger, unavailable.Message);
                await Task.Delay(timeout, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The client's settings for <paramref name="options"/>. They hold the password: show them only as
    /// <c>ToString(includePassword: false)</c>.
    /// </summary>
    public static ConfigurationOptions ToConfiguration(RedisOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var configuration = new ConfigurationOptions
        {
            User = string.IsNullOrEmpty(options.User) ? null : options.User,
            Password = string.IsNullOrEmpty(options.Password) ? null : options.Password,
            DefaultDatabase = options.Database,
            ConnectTimeout = (int)Math.Ceiling(options.ConnectTimeout * 1000),
            AbortOnConnectFail = true,
            ConnectRetry = 1,
            ClientName = "asphalt",
        };
        foreach (var endpoint in options.Endpoints.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            configuration.EndPoints.Add(endpoint);
        }

        if (configuration.EndPoints.Count == 0)
        {
            throw new ArgumentException("RedisOptions.Endpoints names no server: give at least one host:port.", nameof(options));
        }

        return configuration;
    }
}
