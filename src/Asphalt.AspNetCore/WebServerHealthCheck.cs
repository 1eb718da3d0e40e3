using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Asphalt.AspNetCore;

/// <summary>
/// The web server's own probes: alive while it has not stopped; ready only while it accepts
/// requests (not while starting or draining), so a load balancer stops sending traffic as soon as
/// teardown begins.
/// </summary>
internal sealed class WebServerHealthCheck(WebServer server, bool readiness) : IHealthCheck
{
    /// <summary>The tag of liveness checks, mapped at <see cref="WebOptions.HealthPath"/>.</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of readiness checks, mapped at <see cref="WebOptions.ReadyPath"/>.</summary>
    public const string ReadyTag = "ready";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = server.State;
        var healthy = readiness ? state == WebServerState.Accepting : state != WebServerState.Stopped;
        var description = $"web server '{server.ComponentPath}' is {state.ToString().ToLowerInvariant()}";
        return Task.FromResult(healthy ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
