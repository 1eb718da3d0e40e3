using Microsoft.Extensions.Hosting;

namespace Asphalt.AspNetCore;

/// <summary>
/// The server's host lifetime inside a component tree: the application runner owns SIGINT/SIGTERM and
/// stops the server through teardown, so the host must neither install its own signal handlers (the
/// default console lifetime does, and would stop Kestrel behind teardown's back) nor print its banner.
/// </summary>
internal sealed class ComponentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
