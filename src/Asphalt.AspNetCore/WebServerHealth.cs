namespace Asphalt.AspNetCore;

/// <summary>
/// The web server's own part of the tree's readiness (added with <see cref="ApplicationLifetime.AddHealthCheck"/>
/// under the component's path): ready only while it accepts requests, not while starting or draining, so a
/// load balancer stops sending traffic as soon as the server drains.
/// </summary>
internal static class WebServerHealth
{
    public static ValueTask<ComponentHealth> CheckAsync(WebServer server)
    {
        var state = server.State;
        var description = $"web server '{server.ComponentPath}' is {state.ToString().ToLowerInvariant()}";
        return ValueTask.FromResult(state == WebServerState.Accepting ? ComponentHealth.Healthy(description) : ComponentHealth.Unhealthy(description));
    }
}
