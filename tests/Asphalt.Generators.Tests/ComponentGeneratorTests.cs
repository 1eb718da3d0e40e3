using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests;

public sealed class ComponentGeneratorTests
{
    [Fact]
    public async Task App_generates_expected_sources()
    {
        var program = await GeneratorHarness.AnalyzeAsync(TestSources.App);
        program.AssertClean();
        Snapshot.Verify("App", program.Generated.Sources);
    }

    [Fact]
    public async Task App_runs_in_dependency_order_injects_instances_and_tears_down_in_reverse()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(TestSources.App);
        var lines = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "RunAsync");

        // The store web was given is the one instance in the context (ids count up per instance),
        // and the root saw the very clock the clock component published.
        Assert.Equal(
            [
                "prepare app",
                "start clock",
                "start store",
                "start web with store 42 at noon, greeting none",
                "start app",
                "tick 1",
                "running with store 42, clock True",
                "teardown web",
                "dispose store",
            ],
            lines);
    }

    [Fact]
    public async Task Run_to_exit_root_gets_its_resources_and_returns_the_exit_code()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Asphalt;
            namespace Cli;
            public sealed record Answer(int Value);
            [Component] public sealed partial class Oracle { [Resource] public Answer Answer { get; } = new(42); }
            [Component, ChildComponent<Oracle>("oracle")]
            public sealed partial class Tool : CliApplicationComponent
            {
                public async Task<int> RunAsync(Answer answer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return answer.Value / 14;
                }
            }
            public static class Scenario
            {
                public static Task<int> RunAsync() => Application.RunAsync(Tool.Create(), new ApplicationOptions
                {
                    HandleStopSignals = false,
                    LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
                });
            }
            """);
        Assert.Equal(3, await GeneratorHarness.InvokeAsync<int>(assembly, "Cli.Scenario", "RunAsync"));
    }

    [Theory]
    [InlineData("Returned", "its return value of StartAsync, which declares the resource Answer 'default'")]
    [InlineData("Property", "its property Answer, which declares the resource Answer 'kept'")]
    public async Task A_null_resource_fails_the_start_naming_the_component_and_the_declaration(string component, string declaration)
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Asphalt;
            namespace Cli;
            public sealed record Answer(int Value);
            [Component] public sealed partial class Returned { [return: Resource] public Answer StartAsync() => null!; }
            [Component] public sealed partial class Property { [Resource("kept")] public Answer Answer => null!; }
            public static class Scenario
            {
                public static async Task<string> RunAsync(string which)
                {
                    var context = new Context();
                    Component component = which == "Returned" ? Returned.Create() : Property.Create();
                    var error = await Assert.ThrowsAsync(() => context.StartComponentAsync(component, rootAlias: "app"));
                    return error.ToString();
                }
            }
            internal static class Assert
            {
                public static async Task<System.Exception> ThrowsAsync(System.Func<Task> run)
                {
                    try { await run(); }
                    catch (System.Exception error) { return error; }
                    throw new System.InvalidOperationException("no exception");
                }
            }
            """);

        var error = await GeneratorHarness.InvokeAsync<string>(assembly, "Cli.Scenario", "RunAsync", component);

        Assert.Contains($"Component 'app' ({component}) has null in {declaration}.", error);
    }
}
