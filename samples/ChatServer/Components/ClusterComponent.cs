using System.ComponentModel.DataAnnotations;
using Asphalt;
using Asphalt.Redis;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace ChatServer.Components;

/// <summary>Options of <see cref="ClusterComponent"/> (section <c>components:cluster</c>).</summary>
public sealed class ClusterOptions
{
    /// <summary>The pub/sub channel the room's messages cross on; every node of one room names the same.</summary>
    [Required]
    public string Channel { get; set; } = "asphalt-chat:messages";
}

/// <summary>
/// Joins this node's room to the other nodes': the <c>messages</c> signal is bridged to a Redis
/// channel, so a message said on any node reaches the clients, history and stats of every node.
/// The broker connection is Asphalt.Redis's <c>redis</c> component, configured as this component's
/// child (<c>components:cluster:components:redis:endpoints</c>) only for a cluster: a child starts
/// before its parent's start step, so the connection is published by the time it is taken here.
/// Without it the node runs alone.
/// </summary>
[Component("cluster")]
public sealed partial class ClusterComponent(ClusterOptions options)
{
    /// <summary>Starts the bridge when a broker connection is configured; it stops at teardown, before the connection closes.</summary>
    public async Task StartAsync([Resource("messages")] Signal<ChatMessage> messages, IConnectionMultiplexer? redis, Context context)
    {
        if (redis is null)
        {
            return; // A single node.
        }

        var logger = context.LoggerFactory.CreateLogger("ChatServer.Cluster");
        var bridge = await SignalBridge<ChatMessage>.StartAsync(redis, messages, options.Channel, ClusterJsonContext.Default.ChatMessage, logger);
        context.AddTeardown(bridge.DisposeAsync, "stop the cluster bridge");
    }
}
