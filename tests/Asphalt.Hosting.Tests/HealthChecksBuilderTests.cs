using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Asphalt.Hosting.Tests;

/// <summary>AddAsphaltChecks: the one registration of the tree's checks that AddAsphalt and the web component share.</summary>
public sealed class HealthChecksBuilderTests
{
    [Fact]
    public async Task AddAsphaltChecks_registers_the_live_and_ready_checks_of_the_given_lifetime_under_their_tags()
    {
        var lifetime = new ApplicationLifetime(); // never started: alive, not ready
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddHealthChecks().AddAsphaltChecks(lifetime);
        await using var provider = services.BuildServiceProvider();
        var health = provider.GetRequiredService<HealthCheckService>();

        var live = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.LiveTag));
        var ready = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.ReadyTag));

        Assert.Equal([AsphaltHealthChecks.LiveName], live.Entries.Keys);
        Assert.Equal(HealthStatus.Healthy, live.Status);
        Assert.Equal([AsphaltHealthChecks.ReadyName], ready.Entries.Keys);
        Assert.Equal(HealthStatus.Unhealthy, ready.Status);
    }
}
