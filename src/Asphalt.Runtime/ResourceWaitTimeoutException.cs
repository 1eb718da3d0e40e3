namespace Asphalt;

/// <summary>A wait for a resource ran out of time before any component published it.</summary>
public sealed class ResourceWaitTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    public ResourceWaitTimeoutException(ResourceKey key, TimeSpan timeout, string? waiter)
        : base($"Timed out after {timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)} s "
            + $"{(waiter is null ? "" : $"in component '{waiter}' ")}waiting for resource {key}. "
            + "Check that a component publishes it under that exact type and name.")
    {
        Key = key;
        Timeout = timeout;
        Waiter = waiter;
    }

    /// <summary>The resource waited for.</summary>
    public ResourceKey Key { get; }

    /// <summary>How long the wait lasted.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The path of the component that waited, if a component did.</summary>
    public string? Waiter { get; }
}
