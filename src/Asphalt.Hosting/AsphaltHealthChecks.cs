namespace Asphalt.Hosting;

/// <summary>The names and tags of the health checks <c>AddAsphalt</c> registers.</summary>
/// <example>
/// <code>
/// app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(AsphaltHealthChecks.LiveTag) });
/// app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(AsphaltHealthChecks.ReadyTag) });
/// </code>
/// </example>
public static class AsphaltHealthChecks
{
    /// <summary>The tag of the liveness check (<c>live</c>).</summary>
    public const string LiveTag = "live";

    /// <summary>The tag of the readiness check (<c>ready</c>).</summary>
    public const string ReadyTag = "ready";

    /// <summary>The liveness check's name.</summary>
    public const string LiveName = "asphalt-live";

    /// <summary>The readiness check's name.</summary>
    public const string ReadyName = "asphalt-ready";
}
