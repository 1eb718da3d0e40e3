using System.ComponentModel.DataAnnotations;
using Asphalt;
using Asphalt.Redis;
using Microsoft.Extensions.Logging;

namespace ChatServer.Components;

/// <summary>Options of <see cref="ClusterComponent"/> (section <c>components:cluster</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>
    /// The Redis server(s) the nodes share, <c>host:port</c>; empty (the default) runs a single node
    /// with no broker.
    /// </summary>
    public string Redis { get; set; } = "";

    /// <summary>The pub/sub channel the room's messages cross on; every node of one room names the same.</summary>
    [Required]
    public string Channel { get; set; } = "asphalt-chat:messages";

    /// <summary>Seconds to wait for the broker at start (default 5).</summary>
    [Range(0.1, 3600)]
    public double ConnectTimeout { get; set; } = 5;
}

/// <summary>
/// Joins this node's room to the other nodes': the <c>messages</c> signal is bridged to a Redis
/// channel, so a message said on any node reaches the clients, history and stats of every node.
/// </summary>
[Component("cluster")]
public sealed partial class ClusterComponent(ClusterOptions options)
{
    /// <summary>Connects to the broker and starts the bridge; both end at teardown.</summary>
    public async Task StartAsync([Resource("messages")] Signal<ChatMessage> messages, Context context, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            return; // A single node.
        }

        var logger = context.LoggerFactory.CreateLogger("ChatServer.Cluster");
        var redisOptions = new RedisOptions { Endpoints = options.Redis, ConnectTimeout = options.ConnectTimeout };
        var connection = await RedisConnector.ConnectAsync(redisOptions, logger, cancellationToken);
        context.AddTeardown(connection.DisposeAsync, "close the broker connection");
        var bridge = await SignalBridge<ChatMessage>.StartAsync(connection, messages, options.Channel, ClusterJsonContext.Default.ChatMessage, logger);
        context.AddTeardown(bridge.DisposeAsync, "stop the cluster bridge");
    }
}
