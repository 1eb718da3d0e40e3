using System.Diagnostics;

namespace Asphalt;

/// <summary>
/// Times one resource wait after start-up, so that a resource that never arrives is not waited for
/// in silence: a warning when the wait passes the threshold (the start timeout), then each time it has
/// lasted twice as long as at the previous warning, at most <see cref="MaxInterval"/> apart.
/// </summary>
internal sealed class SlowResourceWait(TimeSpan threshold)
{
    /// <summary>The longest gap between two warnings about the same wait.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    private readonly long _started = Stopwatch.GetTimestamp();
    private TimeSpan _nextWarning = threshold;

    /// <summary>Waits for <paramref name="published"/>, calling <paramref name="warn"/> with the time waited at each warning.</summary>
    public async Task WaitAsync(Task published, Action<TimeSpan> warn, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = _nextWarning - Stopwatch.GetElapsedTime(_started);
            if (remaining > TimeSpan.Zero)
            {
                try
                {
                    await published.WaitAsync(remaining, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (TimeoutException)
                {
                    // Not yet published: warn below.
                }
            }

            warn(_nextWarning);
            _nextWarning += _nextWarning < MaxInterval ? _nextWarning : MaxInterval;
        }
    }
}
