using System.Net;
using Asphalt.AspNetCore;
using Microsoft.Extensions.Configuration;

namespace Asphalt.AspNetCore.Tests;

/// <summary>The web component in process: real Kestrel on a loopback port, real HTTP requests.</summary>
public sealed class WebComponentTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)).Append(new("components:web:port", "0")))
            .Build();

    [Fact]
    public async Task A_handler_takes_a_resource_as_a_parameter_over_loopback()
    {
        await using var context = new Context();
        await context.StartComponentAsync(WebTestApp.Create(Settings()), Timeout, "app");
        using var http = new HttpClient { BaseAddress = context.GetResource<WebServer>().Addresses[0], Timeout = Timeout };

        Assert.Equal("1", await http.GetStringAsync("/count"));
        Assert.Equal("2", await http.GetStringAsync("/count"));
        Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
        Assert.Equal("Healthy", await http.GetStringAsync("/readyz"));
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/nothing-here")).StatusCode);
    }

    [Fact]
    public async Task Each_request_has_its_own_context_torn_down_when_the_request_ends()
    {
        await using var context = new Context();
        await context.StartComponentAsync(WebTestApp.Create(Settings()), Timeout, "app");
        var log = context.GetResource<TeardownLog>();
        using var http = new HttpClient { BaseAddress = context.GetResource<WebServer>().Addresses[0], Timeout = Timeout };

        // A factory's value is made in the request's context, once per request, and disposed with it.
        var first = await http.GetStringAsync("/scoped");
        var second = await http.GetStringAsync("/scoped");
        Assert.NotEqual(first, second);
        await WaitUntilAsync(() => log.Entries.Contains($"scoped {first}") && log.Entries.Contains($"scoped {second}"));

        // Context.Current in a handler is a child of the application's context; what the handler adds
        // to it is torn down at the end of the request.
        var reply = (await http.GetStringAsync("/context")).Split(' ');
        Assert.Equal(["True", "True"], reply[1..]);
        await WaitUntilAsync(() => log.Entries.Contains($"added {reply[0]}"));
        Assert.False(context.TryGetResource<AddedDuringRequest>("added", out _));
    }

    [Fact]
    public async Task A_request_asking_synchronously_for_a_resource_only_an_async_factory_makes_gets_the_runtimes_error()
    {
        await using var context = new Context();
        await context.StartComponentAsync(WebTestApp.Create(Settings()), Timeout, "app");
        using var http = new HttpClient { BaseAddress = context.GetResource<WebServer>().Addresses[0], Timeout = Timeout };
        var runtimeError = Assert.Throws<InvalidOperationException>(() => new Context(context).GetResource<AsyncMade>());

        var reply = await http.GetStringAsync("/async-only");

        Assert.Equal(runtimeError.Message, reply);
        Assert.Contains("created by an async factory; get it with GetResourceAsync", reply);
    }

    [Fact]
    public async Task Endpoints_contributed_after_the_server_started_are_an_error_naming_the_server()
    {
        await using var context = new Context();
        var error = await Assert.ThrowsAsync<ComponentStartException>(
            () => context.StartComponentAsync(LateTestApp.Create(Settings()), Timeout, "app"));
        Assert.Contains("'app/late'", error.Message);
        Assert.Contains("The web server 'app/web' has already started", error.Message);
        Assert.Contains("prepare step", error.Message);
    }

    [Fact]
    public void Options_are_checked_like_any_component_s()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["components:web:port"] = "70000", ["components:web:drainTimeout"] = "soon" })
            .Build();
        var error = Assert.Throws<ConfigurationBindingException>(() => WebTestApp.Create(configuration));
        Assert.Contains("components:web:port", error.Message);
        Assert.Contains("components:web:drainTimeout", error.Message);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
