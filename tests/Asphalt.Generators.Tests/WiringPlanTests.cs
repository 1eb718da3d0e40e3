using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Asphalt.Generators.Components;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests;

/// <summary>The wiring plan, the graph text, the registry and the graph file option.</summary>
public sealed class WiringPlanTests
{
    private static readonly Lazy<Task<System.Reflection.Assembly>> App = new(() => GeneratorHarness.BuildAndLoadAsync(TestSources.App));

    [Fact]
    public async Task Plan_is_reachable_at_run_time_with_stages_mermaid_and_dot()
    {
        var text = await GeneratorHarness.InvokeAsync<string>(await App.Value, "Demo.Scenario", "GraphAsync");
        var (mermaid, dot, stages) = (text.Split("\n---\n")[0], text.Split("\n---\n")[1], text.Split("\n---\n")[2]);
        Assert.StartsWith("flowchart LR\n", mermaid);
        Assert.Contains("c2 --> r1\n", mermaid);                  // app/clock publishes IClock 'clock'
        Assert.Contains("r1([\"Demo.IClock 'clock'\"])", mermaid);
        Assert.Contains("r0{{\"Asphalt.Signal#lt;int#gt; 'ticks'\"}}", mermaid);
        Assert.Contains("r0 -.-> c3\n", mermaid);                 // app/web listens to the ticks
        Assert.StartsWith("digraph asphalt {", dot);
        Assert.Contains("\"app/store\" -> \"r3\";", dot);
        Assert.Contains("\"r3\" -> \"app/web\";", dot);            // app/web takes Store 'default'
        // Clock and store only need the root's prepared log: they start together; web needs both; the root starts last.
        Assert.Equal("app/clock,app/store | app/web | app", stages);
    }

    [Fact]
    public async Task Children_configured_with_a_type_are_created_through_the_registry()
    {
        var assembly = await App.Value;
        var children = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "ConfiguredChildrenAsync",
            new Dictionary<string, string?> { ["app:components:extra:type"] = "clock" }.ToList());
        Assert.Equal(["store:StoreComponent", "clock:ClockComponent", "web:WebComponent", "extra:ClockComponent"], children);

        var error = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "ConfiguredChildrenAsync",
            new Dictionary<string, string?> { ["app:components:extra:type"] = "clok" }.ToList());
        Assert.Equal(["error at app:components:extra:type: app.components.extra.type: unknown component type 'clok' (did you mean 'clock'?): registered types are clock, demoApp, store, web; set 'type:' to one of them"], error);

        var missingType = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "ConfiguredChildrenAsync",
            new Dictionary<string, string?> { ["app:components:extra:size"] = "1" }.ToList());
        // Without 'type:' the alias is the type, as on the command line and in the build.
        Assert.Equal("error at app:components:extra: app.components.extra: unknown component type 'extra': registered types are clock, demoApp, store, web; set 'type:' to one of them", Assert.Single(missingType));

        var slashAlias = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "ConfiguredChildrenAsync",
            new Dictionary<string, string?> { ["app:components:clock/backup:type"] = "clock" }.ToList());
        Assert.Equal(["store:StoreComponent", "clock:ClockComponent", "web:WebComponent", "clock_backup:ClockComponent"], slashAlias);
    }

    [Fact]
    public async Task Registry_types_support_the_alias_slash_resource_name_shortcut()
    {
        var result = await GeneratorHarness.InvokeAsync<string>(await App.Value, "Demo.Scenario", "ResourceNameShortcutAsync");
        Assert.Equal("clock,demoApp,store,web backup=True", result);
    }

    [Fact]
    public void Graph_file_is_generated_only_when_the_msbuild_property_asks()
    {
        static IEnumerable<string> HintNames(bool enabled)
        {
            var driver = CSharpGeneratorDriver.Create(
                [new ComponentGenerator().AsSourceGenerator()],
                parseOptions: GeneratorHarness.ParseOptions,
                optionsProvider: new TestOptions(enabled ? new() { ["build_property.AsphaltGraphOutput"] = "true" } : new()));
            return driver.RunGenerators(GeneratorHarness.Compile(TestSources.App)).GetRunResult().Results.Single().GeneratedSources.Select(s => s.HintName);
        }

        Assert.DoesNotContain("Asphalt.Graph.g.cs", HintNames(false));
        var withGraph = CSharpGeneratorDriver.Create(
                [new ComponentGenerator().AsSourceGenerator()],
                parseOptions: GeneratorHarness.ParseOptions,
                optionsProvider: new TestOptions(new() { ["build_property.AsphaltGraphOutput"] = "true" }))
            .RunGenerators(GeneratorHarness.Compile(TestSources.App)).GetRunResult().Results.Single();
        var graph = withGraph.GeneratedSources.Single(s => s.HintName == "Asphalt.Graph.g.cs").SourceText.ToString();
        Assert.Contains("// asphalt-graph-begin Demo.DemoApp mermaid\n//| flowchart LR\n", graph);
        Assert.Contains("// asphalt-graph-begin Demo.DemoApp dot\n//| digraph asphalt {\n", graph);
    }

    private sealed class TestOptions(Dictionary<string, string> values) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
