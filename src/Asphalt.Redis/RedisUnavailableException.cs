namespace Asphalt.Redis;

/// <summary>No Redis server answered at start: names the endpoints tried and carries the cause.</summary>
public sealed class RedisUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="endpoints">The endpoints tried, as configured.</param>
    /// <param name="timeout">How long one attempt could take.</param>
    /// <param name="cause">The client's error.</param>
    public RedisUnavailableException(string endpoints, TimeSpan timeout, Exception cause)
        : base($"No Redis server answered at {endpoints} within {timeout.TotalSeconds:0.###} s: {cause.Message}", cause)
    {
        Endpoints = endpoints;
    }

    /// <summary>The endpoints tried, as configured.</summary>
    public string Endpoints { get; }
}
