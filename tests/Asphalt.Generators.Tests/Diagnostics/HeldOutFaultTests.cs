using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>
/// Wiring faults written from the docs alone (issue 10): each is reported once, by its ASPH
/// diagnostic, at the right place, and never as compiler errors in generated code.
/// </summary>
public sealed class HeldOutFaultTests
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
        public sealed class BadOptions { public Action? Callback { get; set; } }

        """;

    [Fact]
    public async Task A_cycle_broken_by_an_optional_resource_builds_and_starts()
    {
        // The docs' own fix for ASPH0003: an optional resource never waits, so there is no deadlock.
        var program = await GeneratorHarness.AnalyzeAsync(Usings + """
            [Component] public sealed partial class A
            {
                public static bool SawClock;
                [return: Resource] public Store StartAsync(IClock? clock) { SawClock = clock is not null; return new(); }
            }
            [Component] public sealed partial class B { [return: Resource(PublishAs = typeof(IClock))] public Clock StartAsync(Store store) => new(); }
            [Component, ChildComponent<A>("a"), ChildComponent<B>("b")] public sealed partial class App { }
            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    await using var context = new Context();
                    await context.StartComponentAsync(App.Create(), TimeSpan.FromMinutes(1));
                    return context.GetResource<Store>() is not null && context.GetResource<IClock>() is not null ? "started" : "missing";
                }
            }
            """);

        Assert.Empty(program.CompilerErrors);
        Assert.DoesNotContain(program.Wiring, d => d.Id == "ASPH0003");
        Assert.All(program.Wiring, d => Assert.Equal(DiagnosticSeverity.Warning, d.Severity));
        Assert.Contains(program.Wiring, d => d.Id == "ASPH0010"); // The race is still worth a warning.
        var assembly = GeneratorHarness.Load(program);
        Assert.Equal("started", await GeneratorHarness.InvokeAsync<string>(assembly, "Demo.Scenario", "RunAsync"));
    }

    [Theory]
    [InlineData("public async void StartAsync(Store store) { await Task.Yield(); }", "StartAsync")]
    [InlineData("public async void PrepareAsync() { await Task.Yield(); }", "PrepareAsync")]
    [InlineData("[SignalListener(\"ticks\")] private async void OnTick(int tick) { await Task.Yield(); }", "OnTick")]
    public async Task An_async_void_step_or_listener_is_an_error_at_the_method(string member, string locatedText)
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + "[Component] public sealed partial class Web { " + member + " }");

        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0019", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(locatedText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'Web'", message);
        Assert.Contains("async void", message);
        Assert.Contains("return Task", message);
        Assert.Empty(program.CompilerErrors);
    }

    /// <summary>Every ASPH0004, ASPH0005 and ASPH0008 case, on a component that a root declares as its child.</summary>
    public static TheoryData<string, string> InvalidChildren() => new()
    {
        { "[Component] public sealed class Bad { }", "ASPH0004" },
        { "[Component] public abstract partial class Bad { }", "ASPH0004" },
        { "[Component] public sealed partial record Bad { }", "ASPH0004" },
        { "public class Other { } [Component] public sealed partial class Bad : Other { }", "ASPH0004" },
        { "[Component] public sealed partial class Bad { public Bad() { } public Bad(int x) { } }", "ASPH0004" },
        { "[Component] public sealed partial class Bad { public void StartAsync() { } public void StartAsync(Store s) { } }", "ASPH0004" },
        { "[Component(\"not an alias\")] public sealed partial class Bad { }", "ASPH0004" },
        { "[Component] public partial class BaseComponent { } [Component] public sealed partial class Bad : BaseComponent { }", "ASPH0004" },
        { "[Component] public sealed partial class Bad : Component { public override ValueTask StartAsync(Context c, CancellationToken ct) => default; [Resource] public Store Store { get; } = new(); }", "ASPH0004" },
        { "[Component] public sealed partial class Bad { public static void Create() { } }", "ASPH0004" },
        { "[Component] public sealed partial class Bad(BadOptions options) { }", "ASPH0005" },
        { "[Component] public sealed partial class Bad { public async void StartAsync() { await Task.Yield(); } }", "ASPH0019" },
        { "[Component, ChildComponent<Store>(\"store\")] public sealed partial class Bad { }", "ASPH0008" },
        { "[Component] public sealed partial class W { } [Component, ChildComponent<W>(\"w\"), ChildComponent<W>(\"w\")] public sealed partial class Bad { }", "ASPH0008" },
        { "[Component, ChildComponent<Root>(\"again\")] public sealed partial class Bad { }", "ASPH0008" },
    };

    [Theory]
    [MemberData(nameof(InvalidChildren))]
    public async Task An_invalid_child_gives_its_ASPH_error_and_no_compiler_error(string child, string id)
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + child + """

            [Component, ChildComponent<Bad>("bad")] public sealed partial class Root { }
            public static class Program { public static Component Make() => Root.Create(); }
            """);

        Assert.Contains(program.Wiring, d => d.Id == id && d.Severity == DiagnosticSeverity.Error);
        AssertNoCompilerDiagnosticsInGeneratedCode(program);
        Assert.Empty(program.CompilerErrors);
    }

    [Fact]
    public async Task A_closed_generic_child_of_a_generic_component_is_one_clear_ASPH0004()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + """
            [Component] public sealed partial class Cache<T> { [Resource] public Store Store { get; } = new(); }
            [Component, ChildComponent<Cache<string>>("c")] public sealed partial class Root { }
            public static class Program { public static Component Make() => Root.Create(); }
            """);

        var diagnostic = Assert.Single(program.Wiring, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ASPH0004", diagnostic.Id);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("generic", message);
        Assert.Contains("base class without [Component]", message);
        AssertNoCompilerDiagnosticsInGeneratedCode(program);
        Assert.Empty(program.CompilerErrors);
    }

    [Fact]
    public async Task The_advice_for_generic_components_builds_and_runs()
    {
        // What the ASPH0004 message for a generic component says to write instead.
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Usings + """
            public abstract class CacheBase<T> : Component { public T? Last { get; set; } }
            [Component] public sealed partial class StringCache : CacheBase<string> { [return: Resource] public Store StartAsync() { Last = "hit"; return new(); } }
            [Component, ChildComponent<StringCache>("c")] public sealed partial class Root { public void StartAsync(Store store) { } }
            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    await using var context = new Context();
                    var root = Root.Create();
                    await context.StartComponentAsync(root, TimeSpan.FromMinutes(1));
                    return ((StringCache)root.Children[0].Component).Last!;
                }
            }
            """);

        Assert.Equal("hit", await GeneratorHarness.InvokeAsync<string>(assembly, "Demo.Scenario", "RunAsync"));
    }

    private static void AssertNoCompilerDiagnosticsInGeneratedCode(GeneratedProgram program)
    {
        var generated = program.Generated.Output.GetDiagnostics()
            .Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true)
            .Select(d => d.ToString())
            .ToList();
        Assert.True(generated.Count == 0, "Compiler diagnostics in generated code:\n" + string.Join("\n", generated));
    }
}
