using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.AspNetCore.Tests;

/// <summary>
/// MapAsphaltProbes with AddAsphaltChecks in a plain ASP.NET Core app (the helpers the web component,
/// AddAsphalt and samples/MinimalApi share): real Kestrel on loopback.
/// </summary>
public sealed class ProbeMappingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_live_path_answers_liveness_the_ready_path_readiness_and_an_empty_path_maps_nothing()
    {
        var lifetime = new ApplicationLifetime(); // never started: alive, not ready
        await using var live = await StartAsync(lifetime, "/alive", "/ready");
        using var http = new HttpClient { BaseAddress = Address(live), Timeout = Timeout };

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/ready")).StatusCode);

        await using var noReady = await StartAsync(lifetime, "/alive", "");
        using var http2 = new HttpClient { BaseAddress = Address(noReady), Timeout = Timeout };
        Assert.Equal(HttpStatusCode.OK, (await http2.GetAsync("/alive")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http2.GetAsync("/ready")).StatusCode);
    }

    private static async Task<WebApplication> StartAsync(ApplicationLifetime lifetime, string livePath, string readyPath)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddHealthChecks().AddAsphaltChecks(lifetime);
        var app = builder.Build();
        app.MapAsphaltProbes(livePath, readyPath);
        await app.StartAsync().WaitAsync(Timeout);
        return app;
    }

    private static Uri Address(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}
