using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests;

/// <summary>What the generator emits for hosts: each component's resource catalog, and [FromServices] step parameters.</summary>
public sealed class HostingGenerationTests
{
    private const string Tree = """
        using System;
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Asphalt;
        namespace Hosted;
        public sealed record Store(string Name);
        public sealed record Clock(string Source);
        public interface IFeed;
        public sealed class Feed : IFeed;
        [Component] public sealed partial class StoreComponent { [Resource("messages")] public Store Store { get; } = new("messages"); }
        [Component]
        public sealed partial class ClockComponent
        {
            [return: Resource]
            public Clock StartAsync([FromServices] TimeProvider time, [FromServices] IFeed? feed) => new($"{time.GetType().Name}, feed {(feed is null ? "absent" : "present")}");
        }
        [Component] public sealed partial class FeedComponent { [Resource(PublishAs = typeof(IFeed))] public Feed Feed { get; } = new(); }
        [Component, ChildComponent<StoreComponent>("store"), ChildComponent<ClockComponent>("clock"), ChildComponent<FeedComponent>("feed")]
        public sealed partial class App
        {
            public void StartAsync([Resource("messages")] Store store, Clock clock, IFeed feed) { }
        }

        public sealed class Collector : IResourceVisitor
        {
            public List<string> Seen { get; } = [];
            public void Visit<T>(string name) where T : notnull => Seen.Add($"{typeof(T).Name} '{name}'");
        }

        public sealed class Services(object? service) : IServiceProvider
        {
            public object? GetService(Type serviceType) => serviceType == typeof(TimeProvider) ? service : null;
        }

        public static class Scenario
        {
            public static Task<string[]> CatalogAsync()
            {
                var collector = new Collector();
                App.VisitResources(collector);
                return Task.FromResult(collector.Seen.ToArray());
            }

            public static async Task<string> StartClockAsync(bool withTime)
            {
                await using var context = new Context { Services = new Services(withTime ? TimeProvider.System : null) };
                try
                {
                    await context.StartComponentAsync(ClockComponent.Create());
                    return context.GetResource<Clock>("default").Source;
                }
                catch (ComponentStartException error)
                {
                    return error.Message;
                }
            }
        }
        """;

    [Fact]
    public async Task A_components_catalog_lists_its_trees_declared_resources_sorted_by_type_and_name()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Tree);

        var seen = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Hosted.Scenario", "CatalogAsync");

        Assert.Equal(["Clock 'default'", "IFeed 'default'", "Store 'messages'"], seen);
    }

    [Fact]
    public async Task FromServices_parameters_come_from_the_contexts_services_and_a_missing_one_names_component_parameter_and_type()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Tree);

        Assert.Equal("SystemTimeProvider, feed absent", await GeneratorHarness.InvokeAsync<string>(assembly, "Hosted.Scenario", "StartClockAsync", true));
        Assert.Equal(
            "Component 'app' (Hosted.ClockComponent) failed while starting: ServiceNotFoundException: Component 'app' takes service System.TimeProvider "
            + "in parameter 'time' of StartAsync, but the host's service provider has no registration for it; register it "
            + "(builder.Services.Add...<System.TimeProvider>()) before AddAsphalt's host starts, or make the parameter nullable to take it only when present",
            await GeneratorHarness.InvokeAsync<string>(assembly, "Hosted.Scenario", "StartClockAsync", false));
    }
}
