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
}
