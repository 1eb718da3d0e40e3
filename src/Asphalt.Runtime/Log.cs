using Microsoft.Extensions.Logging;
using static Asphalt.RuntimeLogger;

namespace Asphalt;

/// <summary>Every log message of the runtime, as templates (see <see cref="RuntimeLogger"/>).</summary>
internal static class Log
{
    public static void ResourceAdded(ILogger logger, string component, string what, string type, string name)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(1, nameof(ResourceAdded)), "Component '{Component}' added {What} (type={Type}, name='{Name}')", null, component, what, type, name);
        }
    }

    public static void WaitingForResource(ILogger logger, string component, ResourceKey resource)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(2, nameof(WaitingForResource)), "Component '{Component}' is waiting for another component to provide resource {Resource}", null, component, resource);
        }
    }

    public static void GotResource(ILogger logger, string component, ResourceKey resource)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(3, nameof(GotResource)), "Component '{Component}' stopped waiting for resource {Resource}", null, component, resource);
        }
    }

    public static void TeardownFailed(ILogger logger, string failure, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(4, nameof(TeardownFailed)), "Teardown: {Failure}", exception, failure);

    public static void ListenerFailed(ILogger logger, string signal, string listener, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(5, nameof(ListenerFailed)), "Uncaught exception in {Listener} on signal '{Signal}'", exception, listener, signal);

    public static void SlowResourceWait(ILogger logger, string component, double seconds, ResourceKey resource, string published) =>
        Write(
            logger,
            LogLevel.Warning,
            new EventId(12, nameof(SlowResourceWait)),
            "{Component} has waited {Seconds} s for resource {Resource} after start-up; {Published}. Check the name, or that the component that publishes it is configured.",
            null,
            component,
            seconds,
            resource,
            published);

    public static void StreamEventDropped(ILogger logger, string signal, int maxQueueSize) =>
        Write(
            logger,
            LogLevel.Warning,
            new EventId(6, nameof(StreamEventDropped)),
            "Signal '{Signal}': a stream's queue is full ({MaxQueueSize} events); dropping the event for that stream. Consume faster or raise maxQueueSize.",
            null,
            signal,
            maxQueueSize);

    public static void ComponentStep(ILogger logger, string action, string component, string type)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(7, nameof(ComponentStep)), "{Action} component '{Component}' ({Type})", null, action, component, type);
        }
    }

    public static void ServiceTaskStarted(ILogger logger, string component, string task)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(8, nameof(ServiceTaskStarted)), "Component '{Component}' started service task '{Task}'", null, component, task);
        }
    }

    public static void ServiceTaskCrashed(ILogger logger, string task, string owner, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(9, nameof(ServiceTaskCrashed)), "Service task '{Task}' of {Owner} crashed; stopping the application", exception, task, owner);

    public static void TaskCrashedLogged(ILogger logger, string task, string owner, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(13, nameof(TaskCrashedLogged)), "Task '{Task}' of {Owner} failed; the application goes on without it (failure policy Log)", exception, task, owner);

    public static void ServiceTaskRestarting(ILogger logger, string task, string owner, double seconds, Exception exception) =>
        Write(logger, LogLevel.Error, new EventId(14, nameof(ServiceTaskRestarting)), "Service task '{Task}' of {Owner} failed; restarting it in {Seconds} s (failure policy Restart)", exception, task, owner, seconds);

    public static void OverriddenResourceIgnored(ILogger logger, string publisher, ResourceKey resource) =>
        Write(logger, LogLevel.Debug, new EventId(15, nameof(OverriddenResourceIgnored)), "Ignored resource {Resource} from {Publisher}: it is overridden in this context", null, resource, publisher);

    public static void ServiceTaskCancelling(ILogger logger, string task, string owner)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Write(logger, LogLevel.Debug, new EventId(10, nameof(ServiceTaskCancelling)), "Cancelling service task '{Task}' of {Owner}", null, task, owner);
        }
    }

    public static void AbandonedStartFailed(ILogger logger, Exception exception) =>
        Write(
            logger,
            LogLevel.Warning,
            new EventId(11, nameof(AbandonedStartFailed)),
            "A component whose start-up was abandoned (start timeout or stop request) failed afterwards (it did not stop when cancelled)",
            exception);
}
