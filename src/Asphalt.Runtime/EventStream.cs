using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Events of one or more signals as an async stream. Each enumeration subscribes on start, gets its
/// own bounded queue, and unsubscribes when it ends.
/// </summary>
internal sealed class EventStream<TEvent>(IEventSource<TEvent>[] sources, Func<TEvent, bool>? filter, int maxQueueSize, ILogger logger)
    : IAsyncEnumerable<TEvent>
{
    public async IAsyncEnumerator<TEvent> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (maxQueueSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxQueueSize), maxQueueSize, "The queue size must be at least 1.");
        }

        var queue = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(maxQueueSize)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait, // TryWrite then fails instead of silently dropping, so we can warn.
        });
        var subscriptions = new IDisposable[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var source = sources[i];
            subscriptions[i] = source.Subscribe(e =>
            {
                bool wanted;
                try
                {
                    wanted = filter is null || filter(e);
                }
                catch (Exception error)
                {
                    // The consumer's filter failed: end its stream with the error rather than blame the signal.
                    queue.Writer.TryComplete(error);
                    return;
                }

                if (wanted && !queue.Writer.TryWrite(e))
                {
                    AsphaltTelemetry.CountSignal(AsphaltTelemetry.DroppedEvents, source.Name);
                    Log.StreamEventDropped(logger, source.Name, maxQueueSize);
                }
            });
        }

        try
        {
            while (await queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (queue.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
