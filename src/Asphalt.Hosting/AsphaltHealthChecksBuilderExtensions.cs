using Asphalt;
using Asphalt.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a component tree's liveness and readiness checks (<c>services.AddHealthChecks().AddAsphaltChecks(lifetime)</c>).</summary>
public static class AsphaltHealthChecksBuilderExtensions
{
    /// <summary>
    /// Adds the <c>asphalt-live</c> and <c>asphalt-ready</c> checks of the tree whose lifetime is
    /// <paramref name="lifetime"/>, tagged <see cref="AsphaltHealthChecks.LiveTag"/> and
    /// <see cref="AsphaltHealthChecks.ReadyTag"/>. <c>AddAsphalt</c> and the <c>web</c> component call it;
    /// call it yourself only for a tree you run by hand.
    /// </summary>
    /// <param name="builder">The host's health checks.</param>
    /// <param name="lifetime">The tree's lifetime.</param>
    /// <returns><paramref name="builder"/>.</returns>
    public static IHealthChecksBuilder AddAsphaltChecks(this IHealthChecksBuilder builder, ApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(lifetime);
        return builder
            .Add(new HealthCheckRegistration(AsphaltHealthChecks.LiveName, _ => new AsphaltLivenessCheck(lifetime), HealthStatus.Unhealthy, [AsphaltHealthChecks.LiveTag]))
            .Add(new HealthCheckRegistration(AsphaltHealthChecks.ReadyName, _ => new AsphaltReadinessCheck(lifetime), HealthStatus.Unhealthy, [AsphaltHealthChecks.ReadyTag]));
    }
}
