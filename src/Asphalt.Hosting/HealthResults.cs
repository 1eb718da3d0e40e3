using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Asphalt.Hosting;

/// <summary>One mapping from the Runtime's health answer to a health-check result, for both probes.</summary>
internal static class HealthResults
{
    public static HealthCheckResult From(ApplicationHealth health)
    {
        var data = new Dictionary<string, object>(StringComparer.Ordinal) { ["state"] = health.State.ToString() };
        foreach (var (name, check) in health.Checks)
        {
            data[name] = check.Description is { } description
                ? $"{(check.IsHealthy ? "healthy" : "unhealthy")}: {description}"
                : check.IsHealthy ? "healthy" : "unhealthy";
        }

        return health.IsHealthy
            ? HealthCheckResult.Healthy(health.Description, data)
            : HealthCheckResult.Unhealthy(health.Description, data: data);
    }
}
