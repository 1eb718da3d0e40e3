using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>Operations over several signals at once.</summary>
public static class Signals
{
    /// <summary>How many events a stream queues by default before it drops new ones.</summary>
    public const int DefaultMaxQueueSize = 50;

    /// <summary>
    /// Streams the events of several signals, interleaved in dispatch order. Signals of different
    /// event types can be merged as a common base type, since <see cref="IEventSource{TEvent}"/> is covariant.
    /// </summary>
    public static IAsyncEnumerable<TEvent> StreamEvents<TEvent>(params IEventSource<TEvent>[] sources) =>
        StreamEvents(sources, null);

    /// <summary>Streams the events of several signals that pass <paramref name="filter"/>, through one bounded queue.</summary>
    /// <param name="sources">The signals.</param>
    /// <param name="filter">Only events passing it are queued.</param>
    /// <param name="maxQueueSize">How many events may wait in the queue before new ones are dropped with a warning.</param>
    public static IAsyncEnumerable<TEvent> StreamEvents<TEvent>(
        IEventSource<TEvent>[] sources, Func<TEvent, bool>? filter, int maxQueueSize = DefaultMaxQueueSize)
    {
        ArgumentNullException.ThrowIfNull(sources);
        return new EventStream<TEvent>([.. sources], filter, maxQueueSize, RuntimeLogging.Factory.CreateLogger("Asphalt.Signal"));
    }
}
