using Microsoft.Extensions.Logging;

namespace Asphalt.Redis;

/// <summary>Every message the package logs (source-generated, allocation-free when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Connected to Redis at {Endpoints}")]
    public static partial void Connected(ILogger logger, string endpoints);

    [LoggerMessage(2, LogLevel.Warning, "{Reason}; retrying")]
    public static partial void WaitingForServer(ILogger logger, string reason);

    [LoggerMessage(10, LogLevel.Information, "Signal '{Signal}' bridged to Redis channel '{Channel}' (instance {Origin})")]
    public static partial void Bridged(ILogger logger, string signal, string channel, string origin);

    [LoggerMessage(11, LogLevel.Warning, "Redis channel '{Channel}': the connection is lost and {Capacity} outgoing events are waiting; further events of signal '{Signal}' are dropped until it is back")]
    public static partial void OutgoingDropped(ILogger logger, string channel, string signal, int capacity);

    [LoggerMessage(12, LogLevel.Information, "Redis channel '{Channel}': connection back; {Dropped} outgoing events of signal '{Signal}' were dropped during the outage")]
    public static partial void OutgoingResumed(ILogger logger, string channel, string signal, long dropped);

    [LoggerMessage(13, LogLevel.Warning, "Redis channel '{Channel}': dropped a message that is not an event of signal '{Signal}': {Reason}")]
    public static partial void Malformed(ILogger logger, string channel, string signal, string reason);

    [LoggerMessage(14, LogLevel.Warning, "Redis channel '{Channel}': signal '{Signal}' has {Capacity} received events waiting for its listeners; further events are dropped until they catch up")]
    public static partial void IncomingDropped(ILogger logger, string channel, string signal, int capacity);

    [LoggerMessage(15, LogLevel.Warning, "Redis channel '{Channel}': publishing an event of signal '{Signal}' failed")]
    public static partial void PublishFailed(ILogger logger, string channel, string signal, Exception error);
}
