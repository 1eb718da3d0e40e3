using Asphalt.CommandLine;
using Asphalt.Generators.Components;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>
/// The build's graph file (<c>AsphaltGraphOutput</c>), the build's wiring plan (<c>graph --declared</c>)
/// and the command line's <c>graph</c> of the same tree print the same text: one naming rule for
/// components and resources, so a user can diff them.
/// </summary>
public sealed class GraphAgreementTests
{
    private static readonly Lazy<Task<System.Reflection.Assembly>> App = new(() => GeneratorHarness.BuildAndLoadAsync(TestSources.App));

    [Fact]
    public async Task Graph_json_of_the_command_line_equals_the_build_s_declared_plan()
    {
        var definition = await DefinitionAsync();

        var configured = await GraphAsync(definition, "graph", "-f", "json");
        var declared = await GraphAsync(definition, "graph", "--declared", "-f", "json");

        Assert.Contains("\"type\": \"Demo.StoreComponent\"", configured); // What is compared: full type names.
        Assert.Equal(configured, declared);
    }

    [Theory]
    [InlineData("mermaid")]
    [InlineData("dot")]
    public async Task The_build_s_graph_file_holds_what_the_command_line_s_graph_prints(string format)
    {
        var printed = await GraphAsync(await DefinitionAsync(), "graph", "-f", format);

        var file = CSharpGeneratorDriver.Create(
                [new ComponentGenerator().AsSourceGenerator()],
                parseOptions: GeneratorHarness.ParseOptions,
                optionsProvider: new BuildProperties(new() { ["build_property.AsphaltGraphOutput"] = "true" }))
            .RunGenerators(GeneratorHarness.Compile(TestSources.App)).GetRunResult().Results.Single()
            .GeneratedSources.Single(s => s.HintName == "Asphalt.Graph.g.cs").SourceText.ToString();
        var lines = file.Split('\n');
        var begin = Array.IndexOf(lines, $"// asphalt-graph-begin Demo.DemoApp {format}");
        Assert.True(begin >= 0, file);
        var section = lines.Skip(begin + 1).TakeWhile(l => l != "// asphalt-graph-end").Select(l => l.Substring("//| ".Length) + "\n");

        Assert.Equal(printed, string.Concat(section));
    }

    private static async Task<ApplicationDefinition> DefinitionAsync() =>
        (ApplicationDefinition)(await App.Value).GetType("Demo.DemoApp", throwOnError: true)!.GetProperty("Definition")!.GetValue(null)!;

    private static async Task<string> GraphAsync(ApplicationDefinition definition, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await AsphaltCommandLine.RunAsync(args, definition,
            new CommandLineSettings { Output = output, Error = error, Environment = new Dictionary<string, string>() });
        Assert.True(code == 0, error.ToString());
        return output.ToString();
    }

    private sealed class BuildProperties(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptionsProvider
    {
        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GlobalOptions { get; } = new Options(values);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

        public override Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions GetOptions(AdditionalText textFile) => new Options([]);

        private sealed class Options(Dictionary<string, string> values) : Microsoft.CodeAnalysis.Diagnostics.AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
        }
    }
}
