namespace Asphalt.Hosting;

/// <summary>
/// The names and tags of the health checks <c>AddAsphalt</c> registers (through <c>AddAsphaltChecks</c>).
/// In ASP.NET Core, <c>app.MapAsphaltProbes("/healthz", "/readyz")</c> of the Asphalt.AspNetCore package
/// maps one probe per tag.
/// </summary>
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
