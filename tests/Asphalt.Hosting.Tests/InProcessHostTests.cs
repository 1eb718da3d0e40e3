using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Asphalt.Hosting.Tests;

/// <summary>Real generic hosts in this process: the DI bridge both ways, teardown on stop, readiness as it moves.</summary>
public sealed class InProcessHostTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Resources_are_keyed_services_host_services_reach_steps_and_host_stop_tears_down()
    {
        var probe = new Probe();
        probe.ReleaseStart.SetResult();
        using var host = BuildHost(probe, services => services.AddAsphalt(_ => TestApp.Create()));

        await host.StartAsync().WaitAsync(Generous);
        var store = host.Services.GetRequiredKeyedService<MessageStore>("messages");
        Assert.Equal(["hello"], store.Messages);
        Assert.Equal(ApplicationState.Running, host.Services.GetRequiredService<ApplicationLifetime>().State);

        await host.StopAsync().WaitAsync(Generous);
        Assert.Equal(["store torn down"], probe.Events);
        Assert.Equal(ApplicationState.Stopped, host.Services.GetRequiredService<ApplicationLifetime>().State);
    }

    [Fact]
    public async Task Readiness_flips_from_unhealthy_during_start_to_healthy_and_back_during_teardown()
    {
        var probe = new Probe();
        using var host = BuildHost(probe, services => services.AddAsphalt(_ => TestApp.Create()));
        var health = host.Services.GetRequiredService<HealthCheckService>();
        HealthReport? duringTeardown = null;
        probe.DuringTeardown = async () => duringTeardown = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.ReadyTag));

        var starting = host.StartAsync();
        await probe.StartEntered.Task.WaitAsync(Generous);
        var duringStart = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.ReadyTag));
        probe.ReleaseStart.SetResult();
        await starting.WaitAsync(Generous);
        var running = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.ReadyTag));
        var live = await health.CheckHealthAsync(c => c.Tags.Contains(AsphaltHealthChecks.LiveTag));
        await host.StopAsync().WaitAsync(Generous);

        Assert.Equal(HealthStatus.Unhealthy, duringStart.Status);
        Assert.Equal("Not ready: the application is starting", duringStart.Entries[AsphaltHealthChecks.ReadyName].Description);
        Assert.Equal(HealthStatus.Healthy, running.Status);
        Assert.Equal(HealthStatus.Healthy, live.Status);
        Assert.Equal(HealthStatus.Unhealthy, duringTeardown!.Status);
        Assert.Equal("Not ready: the application is stopping", duringTeardown.Entries[AsphaltHealthChecks.ReadyName].Description);
    }

    [Fact]
    public async Task A_missing_host_service_fails_the_host_start_naming_the_component_parameter_and_type()
    {
        using var host = BuildHost(new Probe(), services => services.AddAsphalt(_ => NeedsClockApp.Create()));

        var error = await Assert.ThrowsAsync<AsphaltStartException>(() => host.StartAsync().WaitAsync(Generous));

        Assert.StartsWith("Start-up failed: Component 'app' (", error.Message);
        const string Expected = "NeedsClockApp) failed while starting: ServiceNotFoundException: Component 'app' takes service System.TimeProvider in parameter 'clock' of StartAsync, "
            + "but the host's service provider has no registration for it";
        Assert.True(error.Message.Contains(Expected, StringComparison.Ordinal), error.Message);
        Assert.Equal(1, error.ExitCode);
    }

    [Fact]
    public async Task A_resource_asked_for_before_the_tree_started_is_a_clear_error()
    {
        using var host = BuildHost(new Probe(), services => services.AddAsphalt(_ => TestApp.Create()));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredKeyedService<MessageStore>("messages"));

        Assert.StartsWith("Resource MessageStore 'messages' was asked for before the Asphalt tree started", error.Message);
    }

    [Fact]
    public async Task A_resource_only_an_async_factory_provides_gives_the_runtimes_error_through_the_keyed_service()
    {
        using var host = BuildHost(Released(), services => services.AddAsphalt(_ => TestApp.Create()).AddResource<AsyncMade>("made"));
        await host.StartAsync().WaitAsync(Generous);
        var context = host.Services.GetRequiredService<ApplicationLifetime>().Context!;
        context.AddResourceFactory((_, _) => ValueTask.FromResult(new AsyncMade()), "made");
        var runtimeError = Assert.Throws<InvalidOperationException>(() => context.GetResource<AsyncMade>("made"));

        var error = Assert.Throws<InvalidOperationException>(() => host.Services.GetRequiredKeyedService<AsyncMade>("made"));

        Assert.Equal(runtimeError.Message, error.Message);
        Assert.Contains("created by an async factory; get it with GetResourceAsync", error.Message);
        await host.StopAsync().WaitAsync(Generous);
    }

    [Fact]
    public async Task A_resource_no_component_published_gives_the_runtimes_not_found_error_through_the_keyed_service()
    {
        using var host = BuildHost(Released(), services => services.AddAsphalt(_ => TestApp.Create()).AddResource<MessageStore>("missing"));
        await host.StartAsync().WaitAsync(Generous);

        var error = Assert.Throws<ResourceNotFoundException>(() => host.Services.GetRequiredKeyedService<MessageStore>("missing"));

        Assert.Equal(["messages"], error.AvailableNames);
        await host.StopAsync().WaitAsync(Generous);
    }

    [Fact]
    public void A_resource_registered_twice_is_one_keyed_service_and_one_the_host_registered_first_is_kept()
    {
        var own = new MessageStore(["mine"]);
        var services = new ServiceCollection();
        services.AddKeyedSingleton("mine", own);

        // The generated catalog registers MessageStore 'messages'; registering it and 'mine' again changes nothing.
        services.AddAsphalt(_ => TestApp.Create()).AddResource<MessageStore>("messages").AddResource<MessageStore>("mine");

        Assert.Single(services, d => d.ServiceType == typeof(MessageStore) && Equals(d.ServiceKey, "messages"));
        Assert.Single(services, d => d.ServiceType == typeof(MessageStore) && Equals(d.ServiceKey, "mine"));
        using var provider = services.BuildServiceProvider();
        Assert.Same(own, provider.GetRequiredKeyedService<MessageStore>("mine"));
    }

    /// <summary>Made only by an async factory.</summary>
    public sealed class AsyncMade;

    [Fact]
    public void A_second_tree_in_one_host_is_refused()
    {
        var services = new ServiceCollection();
        services.AddAsphalt(_ => TestApp.Create());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddAsphalt(_ => TestApp.Create()));

        Assert.StartsWith("AddAsphalt was called twice", error.Message);
    }

    [Fact]
    public async Task A_generated_root_passed_as_a_plain_Component_gets_a_warning_that_its_resources_are_not_keyed_services()
    {
        // A docs-only test found it silent: the keyed service then failed with the container's generic error.
        var warnings = new WarningCollector();
        using var host = BuildHost(Released(), services =>
        {
            services.AddLogging(logging => logging.AddProvider(warnings));
            services.AddAsphalt(_ => (Component)TestApp.Create());
        });
        await host.StartAsync().WaitAsync(Generous);

        var warning = Assert.Single(warnings.Messages);
        Assert.StartsWith("AddAsphalt was given the root TestApp as a plain Component", warning);
        Assert.Null(host.Services.GetKeyedService<MessageStore>("messages"));
        await host.StopAsync().WaitAsync(Generous);
    }

    [Fact]
    public async Task A_root_passed_typed_gets_no_such_warning()
    {
        var warnings = new WarningCollector();
        using var host = BuildHost(Released(), services =>
        {
            services.AddLogging(logging => logging.AddProvider(warnings));
            services.AddAsphalt(_ => TestApp.Create());
        });
        await host.StartAsync().WaitAsync(Generous);

        Assert.Empty(warnings.Messages);
        await host.StopAsync().WaitAsync(Generous);
    }

    /// <summary>Collects every warning or worse, from any category.</summary>
    private sealed class WarningCollector : ILoggerProvider, ILogger
    {
        public System.Collections.Concurrent.ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                Messages.Enqueue(formatter(state, exception));
            }
        }

        public void Dispose()
        {
        }
    }

    private static Probe Released()
    {
        var probe = new Probe();
        probe.ReleaseStart.SetResult();
        return probe;
    }

    private static IHost BuildHost(Probe probe, Action<IServiceCollection> addAsphalt)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(probe);
        addAsphalt(builder.Services);
        return builder.Build();
    }
}
