using System.Net;
using Asphalt.AspNetCore;
using Microsoft.Extensions.Configuration;

namespace Asphalt.AspNetCore.Tests;

/// <summary>
/// The web component's /healthz and /readyz answer for the whole tree, not only for the web server:
/// real Kestrel on loopback, the tree's progress gated by the test.
/// </summary>
public sealed class ProbeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static IConfiguration Settings() =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["components:web:port"] = "0" }).Build();

    [Fact]
    public async Task Readiness_fails_while_another_component_starts_passes_once_the_tree_started_and_fails_once_teardown_began()
    {
        var context = new Context();
        var gates = new ProbeGates();
        context.AddResource(gates);
        var start = context.StartComponentAsync(ProbeTestApp.Create(Settings()), Timeout, "app");
        try
        {
            var server = await context.GetResourceAsync<WebServer>().AsTask().WaitAsync(Timeout);
            using var http = new HttpClient { BaseAddress = server.Addresses[0], Timeout = Timeout };

            // The server accepts, but 'app/gated' has not finished its start step.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

            gates.FinishStart.SetResult();
            await start.WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

            // Teardown began ('app/gated' is torn down first and waits); the server still accepts.
            var close = context.CloseAsync();
            await gates.TeardownBegan.Task.WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

            gates.FinishTeardown.SetResult();
            await close.WaitAsync(Timeout);
            Assert.Equal(ApplicationState.Stopped, context.Lifetime.State);
        }
        finally
        {
            gates.FinishStart.TrySetResult();
            gates.FinishTeardown.TrySetResult();
            await context.CloseAsync().WaitAsync(Timeout);
        }
    }

    [Fact]
    public async Task Liveness_and_readiness_fail_after_a_service_task_crashed()
    {
        var context = new Context();
        var gates = new ProbeGates();
        context.AddResource(gates);
        gates.FinishStart.SetResult();
        gates.FinishTeardown.SetResult();
        Exception? closeError;
        try
        {
            await context.StartComponentAsync(ProbeTestApp.Create(Settings()), Timeout, "app");
            using var http = new HttpClient { BaseAddress = context.GetResource<WebServer>().Addresses[0], Timeout = Timeout };
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);

            gates.Crash.SetResult();
            using var deadline = new CancellationTokenSource(Timeout);
            while (context.Lifetime.Crash is null)
            {
                await Task.Delay(20, deadline.Token);
            }

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/healthz")).StatusCode);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);
        }
        finally
        {
            closeError = await Record.ExceptionAsync(() => context.CloseAsync().WaitAsync(Timeout));
        }

        // The close reports the crash too, as the runner's teardown does.
        Assert.Contains("Service task 'crasher' of component 'app/gated' crashed", Assert.IsType<TeardownException>(closeError).Message);
    }
}
