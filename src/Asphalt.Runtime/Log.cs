using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>Every log message of the runtime, source-generated (no boxing, no formatting when disabled).</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Component '{Component}' added {What} (type={Type}, name='{Name}')")]
    public static partial void ResourceAdded(ILogger logger, string component, string what, string type, string name);

    [LoggerMessage(2, LogLevel.Debug, "Component '{Component}' is waiting for another component to provide resource {Resource}")]
    public static partial void WaitingForResource(ILogger logger, string component, ResourceKey resource);

    [LoggerMessage(3, LogLevel.Debug, "Component '{Component}' stopped waiting for resource {Resource}")]
    public static partial void GotResource(ILogger logger, string component, ResourceKey resource);

    [LoggerMessage(4, LogLevel.Error, "Teardown: {Failure}")]
    public static partial void TeardownFailed(ILogger logger, string failure, Exception exception);

    [LoggerMessage(5, LogLevel.Error, "Uncaught exception in a listener of signal '{Signal}'")]
    public static partial void ListenerFailed(ILogger logger, string signal, Exception exception);

    [LoggerMessage(6, LogLevel.Warning, "Signal '{Signal}': a stream's queue is full ({MaxQueueSize} events); dropping the event for that stream. Consume faster or raise maxQueueSize.")]
    public static partial void StreamEventDropped(ILogger logger, string signal, int maxQueueSize);

    [LoggerMessage(7, LogLevel.Debug, "{Action} component '{Component}' ({Type})")]
    public static partial void ComponentStep(ILogger logger, string action, string component, string type);

    [LoggerMessage(8, LogLevel.Debug, "Component '{Component}' started service task '{Task}'")]
    public static partial void ServiceTaskStarted(ILogger logger, string component, string task);

    [LoggerMessage(9, LogLevel.Error, "Service task '{Task}' of {Owner} crashed; stopping the application")]
    public static partial void ServiceTaskCrashed(ILogger logger, string task, string owner, Exception exception);

    [LoggerMessage(10, LogLevel.Debug, "Cancelling service task '{Task}' of {Owner}")]
    public static partial void ServiceTaskCancelling(ILogger logger, string task, string owner);

    [LoggerMessage(11, LogLevel.Warning, "A component abandoned at the start timeout failed afterwards (it did not stop when cancelled)")]
    public static partial void AbandonedStartFailed(ILogger logger, Exception exception);
}
