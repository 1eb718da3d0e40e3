using System.Diagnostics;
using System.Text;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Abstractions;

namespace Asphalt.Generators.Tests.Pipeline;

/// <summary>The benchmark's shape at N = 500: each component takes two earlier resources and publishes one.</summary>
public sealed class ScaleTests(ITestOutputHelper output)
{
    internal static string Dag(int count)
    {
        var source = new StringBuilder("using Asphalt;\nnamespace Big;\n");
        for (var i = 0; i < count; i++)
        {
            source.Append($"public sealed class R{i} {{ }}\n[Component] public sealed partial class C{i} {{ [return: Resource] public R{i} StartAsync(");
            source.Append(i switch { 0 => "", 1 => "R0 a", _ => $"R{i - 1} a, R{i / 2} b" });
            source.Append($") => new(); }}\n");
        }

        source.Append("[Component]");
        for (var i = 0; i < count; i++)
        {
            source.Append($"[ChildComponent<C{i}>(\"c{i}\")]");
        }

        return source.Append($"\npublic sealed partial class Root {{ public void StartAsync(R{count - 1} last) {{ }} }}\n").ToString();
    }

    [Fact]
    public async Task Five_hundred_components_generate_analyze_and_compile_cleanly()
    {
        var compilation = GeneratorHarness.Compile(Dag(500));
        compilation.GetDiagnostics(); // Bind once, so the timings below are the generator's and the analyzer's.
        var stopwatch = Stopwatch.StartNew();
        var generated = GeneratorHarness.Generate(compilation);
        output.WriteLine($"generator, 500 components: {stopwatch.ElapsedMilliseconds} ms (not asserted: timings belong to benchmarks/)");
        generated.Output.GetDiagnostics();
        stopwatch.Restart();
        var analyzer = new Asphalt.Generators.Diagnostics.WiringAnalyzer();
        var analyzers = generated.Output.WithAnalyzers(
            System.Collections.Immutable.ImmutableArray.Create<DiagnosticAnalyzer>(analyzer),
            new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await analyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
        output.WriteLine($"binding + wiring analyzer, 500 components: {stopwatch.ElapsedMilliseconds} ms, of which the analyzer itself: {telemetry.ExecutionTime.TotalMilliseconds:F0} ms");
        Assert.Empty(diagnostics);
        Assert.Empty(generated.Output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Equal(504, generated.Sources.Count); // 501 components, the registry, the root's plan and the resource catalogs.
    }
}
