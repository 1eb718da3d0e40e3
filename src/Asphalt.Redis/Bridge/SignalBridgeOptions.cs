using System.ComponentModel.DataAnnotations;

namespace Asphalt.Redis;

/// <summary>Bounds of one signal bridge (see docs/redis.md, "Failure behaviour").</summary>
public sealed class SignalBridgeOptions
{
    /// <summary>
    /// How many local events may wait to be published (default 10,000): they wait while the connection
    /// is lost; past this, new events are dropped for the rest of the outage, with one warning.
    /// </summary>
    [Range(1, 10_000_000)]
    public int OutgoingBufferSize { get; set; } = 10_000;

    /// <summary>
    /// How many received events may wait for the local listeners (default 10,000): past this, newly
    /// received events are dropped with one warning until the listeners catch up, so a slow listener
    /// never holds up the connection's reader.
    /// </summary>
    [Range(1, 10_000_000)]
    public int IncomingQueueSize { get; set; } = 10_000;
}
