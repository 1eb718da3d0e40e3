using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>One test (or more) per wiring diagnostic, each checking the ID, the location and the message's facts.</summary>
public sealed class WiringDiagnosticsTests
{
    private const string Usings = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        namespace Demo;
        public sealed class Store { }
        public interface IClock { }
        public sealed class Clock : IClock { }

        """;

    private static async Task<Diagnostic> SingleAsync(string source, string id, string locatedText, params string[] messageParts)
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + source);
        var diagnostics = program.Wiring.ToList();
        var diagnostic = Assert.Single(diagnostics, d => d.Id == id);
        Assert.Equal(locatedText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message);
        }

        Assert.Equal("https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        return diagnostic;
    }

    [Fact]
    public async Task ASPH0001_missing_resource_is_located_at_the_parameter_with_path_type_and_name()
    {
        await SingleAsync("""
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component, ChildComponent<Web>("web")] public sealed partial class App { }
            """,
            "ASPH0001", "store", "'app/web'", "Store 'default'", "parameter 'store' of StartAsync", "tree of 'App'");
    }

    [Fact]
    public async Task ASPH0001_suggests_the_names_the_type_is_provided_under_and_shows_the_consumer_chain()
    {
        await SingleAsync("""
            [Component] public sealed partial class StoreComponent { [Resource("main")] public Store Store { get; } = new(); }
            [Component] public sealed partial class Web
            {
                [return: Resource("clock", PublishAs = typeof(IClock))]
                public Clock StartAsync(Store store) => new();
            }
            [Component] public sealed partial class Stats { public void StartAsync([Resource("clock")] IClock clock) { } }
            [Component, ChildComponent<StoreComponent>("store"), ChildComponent<Web>("web"), ChildComponent<Stats>("stats")]
            public sealed partial class App { }
            """,
            "ASPH0001", "store", "did you mean 'main' (from 'app/store')", "chain of consumers: app/web → app/stats");
    }

    [Fact]
    public async Task ASPH0001_suggests_publishing_under_the_interface()
    {
        await SingleAsync("""
            [Component] public sealed partial class ClockComponent { [Resource] public Clock Clock { get; } = new(); }
            [Component] public sealed partial class Web { public void StartAsync(IClock clock, Clock concrete) { } }
            [Component, ChildComponent<ClockComponent>("clock"), ChildComponent<Web>("web")] public sealed partial class App { }
            """,
            "ASPH0001", "clock", "did you mean Clock 'default'", "PublishAs = typeof(IClock)");
    }

    [Fact]
    public async Task ASPH0002_conflicting_providers_report_both_locations()
    {
        var diagnostic = await SingleAsync("""
            [Component] public sealed partial class A { [Resource] public Store Store { get; } = new(); }
            [Component] public sealed partial class B { [Resource] public Store Other { get; } = new(); }
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component, ChildComponent<A>("a"), ChildComponent<B>("b"), ChildComponent<Web>("web")] public sealed partial class App { }
            """,
            "ASPH0002", "Resource", "Store 'default'", "'app/a' (property Store)", "'app/b' (property Other)");
        var other = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Contains("Store Store", other.SourceTree!.GetText().Lines[other.GetLineSpan().StartLinePosition.Line].ToString());
    }

    [Fact]
    public async Task ASPH0003_cycle_between_siblings_locates_every_edge()
    {
        var diagnostic = await SingleAsync("""
            [Component] public sealed partial class A { [return: Resource] public Store StartAsync(IClock clock) => new(); }
            [Component] public sealed partial class B { [return: Resource(PublishAs = typeof(IClock))] public Clock StartAsync(Store store) => new(); }
            [Component, ChildComponent<A>("a"), ChildComponent<B>("b")] public sealed partial class App { }
            """,
            "ASPH0003", "clock", "'app/a' waits in StartAsync", "'app/b' waits in StartAsync", "would deadlock");
        var other = Assert.Single(diagnostic.AdditionalLocations);
        Assert.Equal("store", other.SourceTree!.GetText().ToString(other.SourceSpan));
    }

    [Fact]
    public async Task ASPH0003_child_waiting_for_what_its_parent_publishes_after_start()
    {
        await SingleAsync("""
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component, ChildComponent<Web>("web")]
            public sealed partial class App { [return: Resource] public Store StartAsync() => new(); }
            """,
            "ASPH0003", "store", "'app' starts only after its child 'app/web' started");
    }

    [Fact]
    public async Task Parent_publishing_in_prepare_for_its_children_is_not_a_cycle()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + """
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component, ChildComponent<Web>("web")]
            public sealed partial class App { [return: Resource] public Store PrepareAsync() => new(); }
            """);
        program.AssertClean();
    }

    [Theory]
    [InlineData("[Component] public sealed class NotPartial { }", "NotPartial", "must be declared 'partial'")]
    [InlineData("[Component] public abstract partial class Abstract { }", "Abstract", "abstract")]
    [InlineData("[Component] public sealed partial class Generic<T> { }", "Generic", "generic components")]
    [InlineData("public class Other { } [Component] public sealed partial class Wrong : Other { }", "Wrong", "not Asphalt.Component")]
    [InlineData("[Component] public sealed partial class TwoCtors { public TwoCtors() { } public TwoCtors(int x) { } }", "TwoCtors", "several constructors")]
    [InlineData("[Component] public sealed partial record Rec { }", "Rec", "must be a class")]
    [InlineData("[Component] public sealed partial class Clash : CliApplicationComponent { public Task<int> RunAsync(Context context, CancellationToken ct) => Task.FromResult(0); }", "RunAsync", "signature of the base class's abstract method")]
    [InlineData("[Component] public sealed partial class Both : Component { public override ValueTask StartAsync(Context c, CancellationToken ct) => default; [Resource] public Store Store { get; } = new(); }", "Both", "overrides StartAsync by hand")]
    [InlineData("[Component] public sealed partial class Two { public void StartAsync() { } public void StartAsync(Store s) { } }", "StartAsync", "several StartAsync methods")]
    [InlineData("[Component(\"not an alias\")] public sealed partial class BadAlias { }", "Component(\"not an alias\")", "not an identifier")]
    [InlineData("[Component] public partial class BaseComponent { } [Component] public sealed partial class Derived : BaseComponent { }", "Derived", "is a [Component] too")]
    [InlineData("[Component] public sealed partial class BadRun : CliApplicationComponent { public Task<string> RunAsync() => Task.FromResult(\"\"); }", "RunAsync", "must return the exit code")]
    public async Task ASPH0004_invalid_component_shape(string source, string locatedText, string reason)
    {
        await SingleAsync(source, "ASPH0004", locatedText, reason);
    }

    [Fact]
    public async Task ASPH0004_component_is_not_generated()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + "[Component] public abstract partial class Abstract { }");
        Assert.DoesNotContain(program.Generated.Sources, s => s.HintName.Contains("Abstract", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ASPH0005_unbindable_options_name_the_member_and_why()
    {
        await SingleAsync("""
            public sealed class WebOptions { public int Port { get; set; } public Action? Callback { get; set; } public int[,]? Grid { get; set; } }
            [Component] public sealed partial class Web(WebOptions options) { }
            """,
            "ASPH0005", "options", "WebOptions.Callback", "cannot be bound", "WebOptions.Grid", "multi-dimensional");
    }

    [Fact]
    public async Task ASPH0005_range_on_something_other_than_a_number_is_reported()
    {
        await SingleAsync("""
            public sealed class WebOptions { [System.ComponentModel.DataAnnotations.Range(1, 10)] public string Name { get; set; } = ""; }
            [Component] public sealed partial class Web(WebOptions options) { }
            """,
            "ASPH0005", "options", "WebOptions.Name", "has [Range] but is not a number");
    }

    [Theory]
    [InlineData("[System.ComponentModel.DataAnnotations.Range(0, double.PositiveInfinity)]", "not a finite number")]
    [InlineData("[System.ComponentModel.DataAnnotations.Range(0, 10, MinimumIsExclusive = true)]", "exclusive bound")]
    [InlineData("[System.ComponentModel.DataAnnotations.Url]", "neither a Uri nor a string")]
    public async Task ASPH0005_reports_a_check_the_binder_cannot_make(string attribute, string reason)
    {
        await SingleAsync(
            "public sealed class WebOptions { " + attribute + " public int Port { get; set; } }\n"
            + "[Component] public sealed partial class Web(WebOptions options) { }\n",
            "ASPH0005", "options", "WebOptions.Port", reason);
    }

    [Theory]
    [InlineData("[System.ComponentModel.DataAnnotations.StringLength(5)] public int Port { get; set; }", "has [StringLength] but is not a string")]
    [InlineData("[System.ComponentModel.DataAnnotations.MinLength(1)] public int Port { get; set; }", "neither a string nor a list or array")]
    [InlineData("[System.ComponentModel.DataAnnotations.RegularExpression(\"[a-\")] public string Port { get; set; } = \"\";", "pattern does not parse")]
    [InlineData("[System.ComponentModel.DataAnnotations.EmailAddress] public int Port { get; set; }", "has [EmailAddress] but is not a string")]
    public async Task ASPH0005_reports_a_validation_attribute_on_a_member_it_does_not_apply_to(string member, string reason)
    {
        await SingleAsync(
            "public sealed class WebOptions { " + member + " }\n"
            + "[Component] public sealed partial class Web(WebOptions options) { }\n",
            "ASPH0005", "options", "WebOptions.Port", reason);
    }

    [Theory]
    [InlineData("[System.ComponentModel.DataAnnotations.Compare(\"Other\")]", "System.ComponentModel.DataAnnotations.Compare(\"Other\")", "[Compare]")]
    [InlineData("[System.ComponentModel.DataAnnotations.Phone]", "System.ComponentModel.DataAnnotations.Phone", "[Phone]")]
    [InlineData("[Even]", "Even", "[Even]")]
    public async Task ASPH0020_a_validation_attribute_the_binder_cannot_check_is_a_warning_at_the_attribute(string attribute, string locatedText, string named)
    {
        var diagnostic = await SingleAsync(
            "public sealed class EvenAttribute : System.ComponentModel.DataAnnotations.ValidationAttribute { }\n"
            + "public sealed class WebOptions { " + attribute + " public string Port { get; set; } = \"\"; public string Other { get; set; } = \"\"; }\n"
            + "[Component] public sealed partial class Web(WebOptions options) { }\n",
            "ASPH0020", locatedText, "WebOptions.Port", named, "not enforced", "'Web'");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task ASPH0020_is_not_reported_for_the_attributes_the_binder_checks()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + """
            public sealed class WebOptions
            {
                [System.ComponentModel.DataAnnotations.Required, System.ComponentModel.DataAnnotations.StringLength(9, MinimumLength = 1)] public string Name { get; set; } = "n";
                [System.ComponentModel.DataAnnotations.MinLength(1), System.ComponentModel.DataAnnotations.MaxLength(3)] public string[] Tags { get; set; } = ["a"];
                [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z]*$"), System.ComponentModel.DataAnnotations.EmailAddress] public string? Mail { get; set; }
                [System.ComponentModel.DataAnnotations.Range(1, 2), System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Text)] public int Level { get; set; } = 1;
            }
            [Component] public sealed partial class Web(WebOptions options) { }
            """);
        Assert.DoesNotContain(program.Wiring, d => d.Id is "ASPH0020" or "ASPH0005");
    }

    [Fact]
    public async Task ASPH0006_unused_resource_is_a_warning_at_its_declaration()
    {
        var diagnostic = await SingleAsync("""
            [Component] public sealed partial class A { [Resource("spare")] public Store Store { get; } = new(); }
            [Component, ChildComponent<A>("a")] public sealed partial class App { }
            """,
            "ASPH0006", "Resource(\"spare\")", "Store 'spare'", "'app/a'");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Theory]
    [InlineData("[Component] public sealed partial class A { [Resource(\"no spaces\")] public Store Store { get; } = new(); }", "Resource(\"no spaces\")", "not an identifier")]
    [InlineData("[Component] public sealed partial class A { [Resource(PublishAs = typeof(IClock))] public Store Store { get; } = new(); }", "Resource(PublishAs = typeof(IClock))", "cannot be published as 'IClock'")]
    [InlineData("[Component] public sealed partial class A { [Signal] public Store NotASignal { get; } = new(); }", "Signal", "must be of type Signal<TEvent>")]
    [InlineData("[Component] public sealed partial class A { [SignalListener] private void On(int a, int b) { } }", "SignalListener", "exactly one parameter")]
    [InlineData("[Component] public sealed partial class A { [return: Resource] public void StartAsync() { } }", "Resource", "returns nothing")]
    public async Task ASPH0007_invalid_resource_declaration(string source, string locatedText, string reason)
    {
        await SingleAsync(source, "ASPH0007", locatedText, reason);
    }

    [Theory]
    [InlineData("[Component, ChildComponent<Store>(\"store\")] public sealed partial class App { }", "ChildComponent<Store>(\"store\")", "neither a [Component] class")]
    [InlineData("[Component] public sealed partial class W { } [Component, ChildComponent<W>(\"w\"), ChildComponent<W>(\"w\")] public sealed partial class App { }", "ChildComponent<W>(\"w\")", "two children are named 'w'")]
    [InlineData("[Component, ChildComponent<App>(\"inner\")] public sealed partial class Outer { } [Component, ChildComponent<Outer>(\"outer\")] public sealed partial class App { }", "ChildComponent<App>(\"inner\")", "would be infinite")]
    public async Task ASPH0008_invalid_child_component(string source, string locatedText, string reason)
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + source);
        var diagnostics = program.Wiring.Where(d => d.Id == "ASPH0008").ToList();
        Assert.Contains(diagnostics, d =>
            d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(reason, StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == locatedText);
    }

    [Fact]
    public async Task ASPH0009_duplicate_alias()
    {
        await SingleAsync("""
            [Component("web")] public sealed partial class A { }
            [Component("web")] public sealed partial class B { }
            """,
            "ASPH0009", "B", "'web'", "'A'", "'B'");
    }

    [Fact]
    public async Task ASPH0010_optional_resource_from_a_sibling_is_a_race()
    {
        var diagnostic = await SingleAsync("""
            [Component] public sealed partial class A { [Resource] public Store Store { get; } = new(); }
            [Component] public sealed partial class B { public void StartAsync(Store? store) { } }
            [Component, ChildComponent<A>("a"), ChildComponent<B>("b")] public sealed partial class App { }
            """,
            "ASPH0010", "store", "'app/b'", "Store 'default'", "'app/a' publishes");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task Optional_resources_the_runtime_order_guarantees_are_not_races()
    {
        // From a parent's prepare step, and from a child to its parent's start step.
        var program = await GeneratorHarness.AnalyzeAsync(Usings + """
            [Component] public sealed partial class Child
            {
                public void StartAsync(Store? store) { }
                [return: Resource(PublishAs = typeof(IClock))] public Clock PrepareAsync() => new();
            }
            [Component, ChildComponent<Child>("child")]
            public sealed partial class App
            {
                [return: Resource] public Store PrepareAsync() => new();
                public void StartAsync(IClock? clock) { }
            }
            """);
        program.AssertClean();
    }

    [Fact]
    public async Task Valid_programs_have_no_diagnostics()
    {
        (await GeneratorHarness.AnalyzeAsync(TestSources.App)).AssertClean();

        // A lone component is a library part: its resources come from whatever tree uses it.
        (await GeneratorHarness.AnalyzeAsync(Usings + """
            [Component] public sealed partial class Web { public void StartAsync(Store store, IClock? clock) { } }
            """)).AssertClean();

        // A hand-written child may publish anything, so nothing is reported as missing.
        (await GeneratorHarness.AnalyzeAsync(Usings + """
            public sealed class HandWritten : Component { public override ValueTask StartAsync(Context context, CancellationToken ct) { context.AddResource(new Store()); return default; } }
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component, ChildComponent<HandWritten>("store"), ChildComponent<Web>("web")] public sealed partial class App { }
            """)).AssertClean();
    }

    [Fact]
    public async Task Tree_wide_diagnostics_come_from_per_document_analysis_as_an_ide_runs_it()
    {
        // Two files, as two open editors: the consumer with the missing resource, and the root that
        // declares the tree. An IDE analysing open files asks for each document's semantic
        // diagnostics and never runs compilation-end actions.
        var consumer = Usings + """
            [Component] public sealed partial class Web { public void StartAsync(Store store) { } }
            [Component] public sealed partial class Cache { [Resource] public IClock Clock { get; } = new Clock(); }
            """;
        var root = """
            using Asphalt;
            namespace Demo;
            [Component, ChildComponent<Web>("web"), ChildComponent<Cache>("cache")] public sealed partial class App { }
            """;
        var generated = GeneratorHarness.Generate(GeneratorHarness.Compile(consumer, root));
        var analyzers = generated.Output.WithAnalyzers([new Asphalt.Generators.Diagnostics.WiringAnalyzer()], options: null);
        var consumerTree = generated.Output.SyntaxTrees.First(t => t.FilePath == "Source0.cs");
        var rootTree = generated.Output.SyntaxTrees.First(t => t.FilePath == "Source1.cs");

        var inConsumer = await analyzers.GetAnalyzerSemanticDiagnosticsAsync(generated.Output.GetSemanticModel(consumerTree), filterSpan: null, CancellationToken.None);
        var inRoot = await analyzers.GetAnalyzerSemanticDiagnosticsAsync(generated.Output.GetSemanticModel(rootTree), filterSpan: null, CancellationToken.None);

        Assert.Equal(["ASPH0001", "ASPH0006"], inConsumer.Select(d => d.Id).Order());
        Assert.All(inConsumer, d => Assert.Same(consumerTree, d.Location.SourceTree));
        Assert.Empty(inRoot);
        var diagnosticIds = new Asphalt.Generators.Diagnostics.WiringAnalyzer().SupportedDiagnostics
            .Where(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd)).Select(d => d.Id);
        Assert.DoesNotContain("ASPH0001", diagnosticIds); // An IDE treats tagged IDs as build-only.
        Assert.DoesNotContain("ASPH0006", diagnosticIds);
    }
}
