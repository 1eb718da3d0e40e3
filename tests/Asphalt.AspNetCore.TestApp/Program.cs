using Asphalt;
using Asphalt.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

// Usage: Asphalt.AspNetCore.TestApp [key=value ...], e.g. components:web:port=0 components:web:drainTimeout=30
var settings = args.Select(a => a.Split('=', 2)).ToDictionary(p => p[0], p => (string?)p[1], StringComparer.OrdinalIgnoreCase);
var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
return await Application.RunAsync(DrainApp.Create(configuration));

/// <summary>A web server with one slow endpoint, to watch teardown drain it.</summary>
[Component("drainApp")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<SlowEndpointComponent>("slow")]
public sealed partial class DrainApp
{
    /// <summary>Prints where the server listens, for the test to read.</summary>
    public void StartAsync(WebServer server, Context context) =>
        context.LoggerFactory.CreateLogger<DrainApp>().LogInformation("Test app at {Address}", server.Addresses[0]);
}

/// <summary>
/// <c>GET /slow?release=FILE</c> answers "slow done" once FILE exists: the test decides when the request
/// in flight may finish, no clock involved.
/// </summary>
[Component("slow")]
public sealed partial class SlowEndpointComponent
{
    /// <summary>Maps the endpoint.</summary>
    public void PrepareAsync(WebEndpoints web) =>
        web.MapEndpoints(routes => routes.MapGet("/slow", async (string release, CancellationToken aborted) =>
        {
            Context.Current.LoggerFactory.CreateLogger<SlowEndpointComponent>().LogInformation("Slow request in flight");
            while (!File.Exists(release))
            {
                await Task.Delay(20, aborted);
            }

            return "slow done";
        }));
}
