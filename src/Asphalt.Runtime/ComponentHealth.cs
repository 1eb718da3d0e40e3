namespace Asphalt;

/// <summary>What one health check (see <see cref="ApplicationLifetime.AddHealthCheck"/>) reports.</summary>
/// <param name="IsHealthy">Whether the part it checks works.</param>
/// <param name="Description">What is wrong (or a note when healthy); shown in health reports, so never put a secret here.</param>
public sealed record ComponentHealth(bool IsHealthy, string? Description = null)
{
    /// <summary>A healthy result.</summary>
    public static ComponentHealth Healthy(string? description = null) => new(true, description);

    /// <summary>An unhealthy result saying what is wrong.</summary>
    public static ComponentHealth Unhealthy(string description) => new(false, description);
}
