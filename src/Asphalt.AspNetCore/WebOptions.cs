using System.ComponentModel.DataAnnotations;
using System.Net;

namespace Asphalt.AspNetCore;

/// <summary>Options of <see cref="WebComponent"/> (its configuration section, e.g. <c>components:web</c>).</summary>
public sealed class WebOptions
{
    /// <summary>The IP address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every interface).</summary>
    public IPAddress Host { get; set; } = IPAddress.Loopback;

    /// <summary>The port (default 8080); 0 picks a free one, published in <see cref="WebServer.Addresses"/>.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>The largest request body accepted, in bytes (default 1 MiB); a larger one gets 413.</summary>
    [Range(0, 1L << 40)]
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>How many connections may be open at once (default 1000); further ones wait in the listen backlog or are refused.</summary>
    [Range(1, 1_000_000)]
    public long MaxConcurrentConnections { get; set; } = 1000;

    /// <summary>
    /// Seconds a request may take before its <c>RequestAborted</c> token is cancelled and, if the
    /// handler lets that end it, it is answered with 504 (default 30; 0 = no limit).
    /// </summary>
    [Range(0, 86400)]
    public double RequestTimeout { get; set; } = 30;

    /// <summary>
    /// Seconds that requests in flight at teardown get to complete (default 10) once the server has
    /// stopped accepting connections; what is still running then is aborted.
    /// </summary>
    [Range(0, 3600)]
    public double DrainTimeout { get; set; } = 10;

    /// <summary>The tree's liveness probe's path (default <c>/healthz</c>); empty to map none.</summary>
    public string HealthPath { get; set; } = "/healthz";

    /// <summary>The tree's readiness probe's path (default <c>/readyz</c>): 200 only once every component started and until teardown begins; empty to map none.</summary>
    public string ReadyPath { get; set; } = "/readyz";
}
