using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Asphalt.Hosting;

/// <summary>
/// Readiness of the tree (<see cref="ApplicationLifetime.CheckReadinessAsync"/>): healthy only while it runs,
/// nothing crashed and every component's own check passes; the component checks are in the result's data.
/// </summary>
public sealed class AsphaltReadinessCheck(ApplicationLifetime lifetime) : IHealthCheck
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        HealthResults.From(await lifetime.CheckReadinessAsync(cancellationToken).ConfigureAwait(false));
}
