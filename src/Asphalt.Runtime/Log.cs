using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>Every log message of the runtime; nothing is formatted when the level is disabled.</summary>
internal static class Log
{
    public static void ResourceAdded(ILogger logger, string component, string what, string type, string name)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(1, nameof(ResourceAdded)), $"Component '{component}' added {what} (type={type}, name='{name}')");
        }
    }

    public static void WaitingForResource(ILogger logger, string component, ResourceKey resource)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(2, nameof(WaitingForResource)), $"Component '{component}' is waiting for another component to provide resource {resource}");
        }
    }

    public static void GotResource(ILogger logger, string component, ResourceKey resource)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(3, nameof(GotResource)), $"Component '{component}' stopped waiting for resource {resource}");
        }
    }

    public static void TeardownFailed(ILogger logger, string failure, Exception exception) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(4, nameof(TeardownFailed)), $"Teardown: {failure}", exception);

    public static void ListenerFailed(ILogger logger, string signal, Exception exception) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(5, nameof(ListenerFailed)), $"Uncaught exception in a listener of signal '{signal}'", exception);

    public static void StreamEventDropped(ILogger logger, string signal, int maxQueueSize)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            RuntimeLogger.Write(
                logger,
                LogLevel.Warning,
                new EventId(6, nameof(StreamEventDropped)),
                string.Create(CultureInfo.InvariantCulture, $"Signal '{signal}': a stream's queue is full ({maxQueueSize} events); dropping the event for that stream. Consume faster or raise maxQueueSize."));
        }
    }

    public static void ComponentStep(ILogger logger, string action, string component, string type)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(7, nameof(ComponentStep)), $"{action} component '{component}' ({type})");
        }
    }

    public static void ServiceTaskStarted(ILogger logger, string component, string task)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(8, nameof(ServiceTaskStarted)), $"Component '{component}' started service task '{task}'");
        }
    }

    public static void ServiceTaskCrashed(ILogger logger, string task, string owner, Exception exception) =>
        RuntimeLogger.Write(logger, LogLevel.Error, new EventId(9, nameof(ServiceTaskCrashed)), $"Service task '{task}' of {owner} crashed; stopping the application", exception);

    public static void ServiceTaskCancelling(ILogger logger, string task, string owner)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            RuntimeLogger.Write(logger, LogLevel.Debug, new EventId(10, nameof(ServiceTaskCancelling)), $"Cancelling service task '{task}' of {owner}");
        }
    }

    public static void AbandonedStartFailed(ILogger logger, Exception exception) =>
        RuntimeLogger.Write(
            logger,
            LogLevel.Warning,
            new EventId(11, nameof(AbandonedStartFailed)),
            "A component abandoned at the start timeout failed afterwards (it did not stop when cancelled)",
            exception);
}
