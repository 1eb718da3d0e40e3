using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Asphalt.Hosting;

/// <summary>Liveness of the tree (<see cref="ApplicationLifetime.CheckLiveness"/>): unhealthy once a service task crashed.</summary>
public sealed class AsphaltLivenessCheck(ApplicationLifetime lifetime) : IHealthCheck
{
    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthResults.From(lifetime.CheckLiveness()));
}
