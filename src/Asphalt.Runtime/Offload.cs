namespace Asphalt;

/// <summary>
/// Runs blocking work on the thread pool, explicitly, so an async path never blocks on it
/// (Asphalt 4's <c>call_in_executor</c>). The Asphalt analyzers treat a synchronous delegate passed
/// here as an offload boundary: blocking calls inside it are not reported.
/// </summary>
/// <example>
/// <code>
/// string text = await Offload.RunAsync(() => File.ReadAllText(path), cancellationToken);
/// </code>
/// </example>
public static class Offload
{
    /// <summary>Runs <paramref name="work"/> on a thread-pool thread and returns its result.</summary>
    /// <param name="work">The blocking work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started yet.</param>
    public static Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Run(work, cancellationToken);
    }

    /// <summary>Runs <paramref name="work"/> on a thread-pool thread.</summary>
    /// <param name="work">The blocking work.</param>
    /// <param name="cancellationToken">Cancels the work if it has not started yet.</param>
    public static Task RunAsync(Action work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Run(work, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a thread-pool thread, passing it the token so long-running
    /// work can stop early.
    /// </summary>
    public static Task<T> RunAsync<T>(Func<CancellationToken, T> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        return Task.Run(() => work(cancellationToken), cancellationToken);
    }
}
