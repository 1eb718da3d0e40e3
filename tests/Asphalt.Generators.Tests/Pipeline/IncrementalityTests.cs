using System.Reflection;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Asphalt.Generators.Tests.Pipeline;

/// <summary>
/// Edits that do not change what the attributes say must leave every tracked step Cached or
/// Unchanged and every source output Cached: that is what keeps the IDE fast.
/// </summary>
public sealed class IncrementalityTests
{
    private static readonly string[] TrackedStepNames = typeof(TrackingNames)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (string)f.GetValue(null)!)
        .ToArray();

    private static (GeneratorRunResult First, GeneratorRunResult Second) RunTwice(Compilation first, Func<Compilation, Compilation> edit)
    {
        var driver = GeneratorHarness.CreateDriver().RunGenerators(first);
        var firstResult = driver.GetRunResult().Results.Single();
        driver = driver.RunGenerators(edit(first));
        return (firstResult, driver.GetRunResult().Results.Single());
    }

    private static Compilation ReplaceApp(Compilation compilation, Func<string, string> change)
    {
        var tree = compilation.SyntaxTrees.First();
        var text = change(tree.GetText().ToString());
        Assert.NotEqual(tree.GetText().ToString(), text);
        return compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, tree.FilePath));
    }

    private static void AssertAllCachedOrUnchanged(GeneratorRunResult result)
    {
        foreach (var name in TrackedStepNames)
        {
            Assert.True(result.TrackedSteps.ContainsKey(name), $"step {name} did not run");
            foreach (var step in result.TrackedSteps[name])
            {
                foreach (var (_, reason) in step.Outputs)
                {
                    Assert.True(reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"step {name} was {reason}");
                }
            }
        }

        foreach (var (name, steps) in result.TrackedOutputSteps)
        {
            foreach (var step in steps)
            {
                Assert.All(step.Outputs, output => Assert.True(output.Reason == IncrementalStepRunReason.Cached, $"output {name} was {output.Reason}"));
            }
        }
    }

    [Fact]
    public void Same_compilation_twice_is_fully_cached()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App), c => c);
        AssertAllCachedOrUnchanged(second);
        Assert.All(second.TrackedSteps[TrackingNames.Components].SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void Adding_an_unrelated_file_regenerates_nothing()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App),
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Other; public class Unrelated { public int X() => 1; }", GeneratorHarness.ParseOptions, "Unrelated.cs")));
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Editing_a_method_body_of_a_component_regenerates_nothing()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App),
            c => ReplaceApp(c, text => text.Replace("log.Add(\"start store\");", "log.Add(\"start store\"); log.Add(\"and a much longer body that shifts every later location\");")));
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Inserting_comments_and_blank_lines_above_components_regenerates_nothing()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App),
            c => ReplaceApp(c, text => text.Replace("namespace Demo;", "namespace Demo;\n\n// A comment that moves every declaration down.\n\n\n")));
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Changing_an_attribute_argument_modifies_that_component_only()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App),
            c => ReplaceApp(c, text => text.Replace("[Component(\"web\")]", "[Component(\"website\")]")));
        var reasons = second.TrackedSteps[TrackingNames.Components].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.Modified));
        Assert.Equal(3, reasons.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
        Assert.Contains(second.TrackedSteps[TrackingNames.Wiring].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
    }

    [Fact]
    public void Adding_a_component_keeps_the_others_and_adds_one()
    {
        var (_, second) = RunTwice(GeneratorHarness.Compile(TestSources.App),
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
                "using Asphalt; namespace Demo; [Component] public sealed partial class Extra { public void StartAsync(Log log) { } }",
                GeneratorHarness.ParseOptions, "Extra.cs")));
        var reasons = second.TrackedSteps[TrackingNames.Components].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Equal(1, reasons.Count(r => r == IncrementalStepRunReason.New));
        Assert.Equal(4, reasons.Count(r => r is IncrementalStepRunReason.Unchanged or IncrementalStepRunReason.Cached));
    }

    [Fact]
    public async Task Editing_the_app_leaves_the_referenced_package_s_components_cached()
    {
        var library = await GeneratorHarness.BuildLibraryAsync("KvLib", Packages.ReferencedComponentTests.KvLibrary);
        var app = GeneratorHarness.Compile("TestApp", [library.Reference], """
            using Asphalt;
            using KvLib;
            namespace Demo;
            [Component, ChildComponent<KvStoreComponent>("store")]
            public sealed partial class App : CliApplicationComponent
            {
                public int RunAsync(KvStore store) { return store.Get("a").Length; }
            }
            """);

        var (first, second) = RunTwice(app, c => ReplaceApp(c, text => text.Replace("return store.Get(\"a\").Length;", "var key = \"b\"; return store.Get(key).Length;")));

        var referenced = (EquatableArray<ComponentModel>)first.TrackedSteps[TrackingNames.ReferencedComponents].Single().Outputs.Single().Value;
        Assert.Equal("global::KvLib.KvStoreComponent", Assert.Single(referenced).Type.FullName);
        AssertAllCachedOrUnchanged(second);
    }

    [Fact]
    public void Editing_a_configuration_file_regenerates_nothing()
    {
        // Configuration files are read by the analyzer only: the source pipeline never sees them.
        var original = new InMemoryAdditionalText("/app/config.yaml", "component:\n  components:\n    web: {}\n");
        var edited = new InMemoryAdditionalText("/app/config.yaml", "component:\n  components:\n    web: {prot: 1}\n");
        var compilation = GeneratorHarness.Compile(TestSources.App);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            new[] { new Asphalt.Generators.Components.ComponentGenerator().AsSourceGenerator() },
            new AdditionalText[] { original },
            GeneratorHarness.ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGenerators(compilation);
        driver = driver.ReplaceAdditionalText(original, edited).RunGenerators(compilation);
        AssertAllCachedOrUnchanged(driver.GetRunResult().Results.Single());
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override Microsoft.CodeAnalysis.Text.SourceText GetText(CancellationToken cancellationToken = default) =>
            Microsoft.CodeAnalysis.Text.SourceText.From(text);
    }
}
