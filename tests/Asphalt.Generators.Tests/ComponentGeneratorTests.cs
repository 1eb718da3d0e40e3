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
        Assert.Equal(
            [
                "prepare app",
                "start clock",
                "start store",
                "start web with store 42 at noon, greeting none",
                "start app",
                "tick 1",
                "running",
                "teardown web",
                "dispose store",
            ],
            lines);
    }
}
