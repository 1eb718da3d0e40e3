using System.Net;
using Asphalt.Tests.Shared;
using static Asphalt.Tests.Shared.Loopback;

namespace Asphalt.Hosting.Tests;

/// <summary>samples/MinimalApi as a real process: Kestrel on loopback, a tree's resource in an endpoint, the probes.</summary>
public sealed class MinimalApiSampleTests
{
    [Fact]
    public async Task An_endpoint_serves_a_resource_of_the_tree_and_the_probes_answer_until_sigterm_tears_down()
    {
        var port = FreePort();
        using var sample = HostProgram.Start("MinimalApi", "--urls", $"http://127.0.0.1:{port}", "--Asphalt:components:greeter:greeting=Hi");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        var ready = await WaitForReadyAsync(http, sample);
        Assert.Equal("Healthy", ready);
        Assert.Equal("Hi, world! (from MinimalApi)", await http.GetStringAsync("/greeting/world"));
        var live = await http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        sample.Terminate();
        Assert.Equal(0, await sample.WaitForExitAsync());
        Assert.Contains("Application stopped (exit code 0)", sample.Output);
    }

    // Kestrel accepts only once the tree started (hosted services start first); polls within a bounded time.
    private static async Task<string> WaitForReadyAsync(HttpClient http, RealProcess sample)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                var response = await http.GetAsync("/readyz");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return await response.Content.ReadAsStringAsync();
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"The sample did not become ready; its output:\n{sample.Output}");
            }

            await Task.Delay(100);
        }
    }
}
