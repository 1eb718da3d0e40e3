using Asphalt.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>
/// Maps a component tree's liveness and readiness probes (<c>app.MapAsphaltProbes("/healthz", "/readyz")</c>).
/// It lives in Asphalt.AspNetCore, not Asphalt.Hosting, because endpoint mapping needs the ASP.NET Core
/// shared framework, which a generic host (a worker service) should not have to reference.
/// </summary>
public static class AsphaltProbeEndpoints
{
    /// <summary>
    /// Maps <paramref name="livePath"/> to the checks tagged <see cref="AsphaltHealthChecks.LiveTag"/> and
    /// <paramref name="readyPath"/> to those tagged <see cref="AsphaltHealthChecks.ReadyTag"/> (registered by
    /// <c>AddAsphalt</c>, or <c>AddAsphaltChecks</c>): 200 when healthy, 503 otherwise. An empty path maps nothing.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="livePath">The liveness probe's path, for example <c>/healthz</c>; empty for none.</param>
    /// <param name="readyPath">The readiness probe's path, for example <c>/readyz</c>; empty for none.</param>
    /// <returns><paramref name="endpoints"/>.</returns>
    public static IEndpointRouteBuilder MapAsphaltProbes(this IEndpointRouteBuilder endpoints, string livePath, string readyPath)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(livePath);
        ArgumentNullException.ThrowIfNull(readyPath);
        MapProbe(endpoints, livePath, AsphaltHealthChecks.LiveTag);
        MapProbe(endpoints, readyPath, AsphaltHealthChecks.ReadyTag);
        return endpoints;
    }

    private static void MapProbe(IEndpointRouteBuilder endpoints, string path, string tag)
    {
        if (path.Length > 0)
        {
            endpoints.MapHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(tag) });
        }
    }
}
