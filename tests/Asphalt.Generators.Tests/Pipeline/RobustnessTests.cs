using System.Collections.Immutable;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests.Pipeline;

/// <summary>Half-typed and odd input: the generator and the analyzer never throw (no CS8785, no AD0001).</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> BrokenSources() => new()
    {
        "using Asphalt; [Component(",
        "using Asphalt; [Component] public partial class",
        "using Asphalt; [Component(] public partial class A { }",
        "using Asphalt; [Componen] public partial class Typo { }",
        "using Asphalt; [Component(123)] public partial class WrongArgument { }",
        "using Asphalt; [Component(\"\")] public partial class EmptyAlias { }",
        "using Asphalt; [Component] public partial struct S { }",
        "using Asphalt; [Component] public partial interface I { }",
        "using Asphalt; [Component] public static partial class Static { }",
        "using Asphalt; [Component] public partial record R(int X);",
        "using Asphalt; [Component] public partial class G<T> where T : new() { public void StartAsync(T value) { } }",
        "using Asphalt; public class Outer { [Component] public partial class NotPartialOuter { } }",
        "using Asphalt; public partial class Outer<T> { [Component] public partial class InGeneric { } }",
        "using Asphalt; [Component] public partial class MissingBase : DoesNotExist { }",
        "using Asphalt; [Component] public partial class MissingParam { public void StartAsync(DoesNotExist value) { } }",
        "using Asphalt; [Component] public partial class MissingCtorType(DoesNotExist options) { }",
        "using Asphalt; [Component] public partial class MissingReturn { public DoesNotExist StartAsync() => null!; }",
        "using Asphalt; [Component] public partial class Body { public void StartAsync() { var x = ; } }",
        "using Asphalt; [Component, ChildComponent<>(\"x\")] public partial class OpenChild { }",
        "using Asphalt; [Component, ChildComponent<DoesNotExist>(\"x\")] public partial class MissingChild { }",
        "using Asphalt; [Component] public partial class W { } [Component, ChildComponent<W>] public partial class NoAlias { }",
        "using Asphalt; [Component] public partial class BadPublish { [Resource(PublishAs = typeof())] public object X { get; } = new(); }",
        "using Asphalt; [Component] public partial class BadListener { [SignalListener(123)] void On(int x) { } }",
        "using Asphalt; [Component] public partial class ListenerMissing { [SignalListener] void On(DoesNotExist x) { } }",
        "using Asphalt; public class Node { public Node? Next { get; set; } public int Value { get; set; } } [Component] public partial class Recursive(Node options) { }",
        "using Asphalt; public class O { public O(int a) { } public O(string b) { } } [Component] public partial class TwoOptionCtors(O options) { }",
        "using Asphalt; [Component] public partial class Dup { } [Component] public partial class Dup { }",
        "using Asphalt; [Component] [Component] public partial class Twice { }",
        "[Asphalt.Component] public partial class NoUsing { public void StartAsync(Store store) { } }",
        "using Asphalt; [Component] public partial class Self { [return: Resource] public Self StartAsync() => this; }",
        "using Asphalt; [Component, ChildComponent<Loop>(\"me\")] public partial class Loop { }",
        "using Asphalt; [Component] public partial class Create { }",
        "using Asphalt; [Component] public partial class Overloads { public void StartAsync(int a) { } public void StartAsync(string b) { } public void PrepareAsync(ref int x) { } }",
    };

    [Theory]
    [MemberData(nameof(BrokenSources))]
    public async Task Broken_input_never_crashes_the_generator_or_the_analyzer(string source)
    {
        var generated = GeneratorHarness.Generate(GeneratorHarness.Compile(source));
        Assert.Null(generated.Run.Exception);
        Assert.DoesNotContain(generated.GeneratorDiagnostics, d => d.Id == "CS8785");
        Assert.DoesNotContain(generated.Output.GetDiagnostics(), d => d.Id == "CS8785");

        var exceptions = new List<Exception>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), (exception, _, _) => exceptions.Add(exception), concurrentAnalysis: false, logAnalyzerExecutionTime: false);
        var diagnostics = await generated.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WiringAnalyzer()), options).GetAnalyzerDiagnosticsAsync();
        Assert.Empty(exceptions);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
    }

    [Fact]
    public async Task Nested_classes_global_namespace_and_file_scoped_namespaces_generate_code_that_compiles()
    {
        var program = await GeneratorHarness.AnalyzeAsync(
            """
            using Asphalt;
            namespace Deep.Inside;
            public sealed class Store { }
            public static partial class Outer
            {
                public partial class Middle
                {
                    [Component] public sealed partial class Inner { [Resource] public Store Store { get; } = new(); }
                }
            }
            """,
            """
            using Asphalt;
            [Component, ChildComponent<Deep.Inside.Outer.Middle.Inner>("inner")]
            public sealed partial class GlobalApp { public void StartAsync(Deep.Inside.Store store) { } }
            """,
            """
            using Asphalt;
            namespace Recorded
            {
                public sealed record Settings(string Name, int Port = 1);
                [Component] public sealed partial class WithRecordOptions(Settings settings) { }
            }
            """);
        program.AssertClean();
        Assert.Contains(program.Generated.Sources, s => s.HintName == "Deep_Inside_Outer_Middle_Inner.Component.g.cs");
        Assert.Contains(program.Generated.Sources, s => s.HintName == "GlobalApp.Wiring.g.cs");
    }

    [Fact]
    public async Task Keywords_as_names_and_defaulted_constructor_parameters_generate_code_that_compiles()
    {
        var program = await GeneratorHarness.AnalyzeAsync(
            """
            using System.IO;
            using Asphalt;
            namespace Keywords;
            public sealed class Store { }
            public sealed class EventOptions { public int @class { get; set; } public string @event { get; init; } = ""; }
            [Component]
            public sealed partial class Odd(EventOptions @params, TextWriter? output = null)
            {
                public TextWriter Output { get; } = output ?? TextWriter.Null;

                [Resource] public Store @object { get; } = new();

                [SignalListener("ticks")] private void @void(int tick) { }

                public void StartAsync([Resource("ticks")] Signal<int> @default) { }
            }
            """);
        Assert.Empty(program.CompilerErrors.Select(d => d.ToString()));
    }

    [Fact]
    public async Task Parameter_names_never_clash_with_the_generated_locals_and_dynamic_resources_compile()
    {
        var program = await GeneratorHarness.AnalyzeAsync(
            """
            using System.Collections.Generic;
            using Asphalt;
            namespace Names;
            public sealed class Store { }
            [Component]
            public sealed partial class Clashing
            {
                [Resource] public Store member_Copy { get; } = new();
                [Resource("copy")] public Store Copy { get; } = new();

                [return: Resource("made")]
                public Store StartAsync(
                    [Resource("a")] Store result, [Resource("b")] Store resultValue, [Resource("c")] Store __0_result,
                    [Resource("d")] Store found__x, [Resource("e")] Store x, [Resource("f")] List<dynamic> items,
                    [Resource("g")] dynamic? anything = null) => new();
            }
            """);
        Assert.Empty(program.CompilerErrors.Select(d => d.ToString()));
    }
}
