using System.Collections.Immutable;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>
/// Endpoint handlers' <c>[FromResource]</c> parameters are checked like step parameters. The web
/// component's own source (src/Asphalt.AspNetCore) is compiled with the test's, so the tree is fully
/// known to the build.
/// </summary>
public sealed class EndpointHandlerDiagnosticsTests
{
    private const string App = """
        global using FromResource = Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute;
        using Asphalt;
        using Asphalt.AspNetCore;
        using Microsoft.AspNetCore.Builder;
        namespace Demo;

        public sealed class Store { public int Count => 1; }

        [Component("store")]
        public sealed partial class StoreComponent { [Resource] public Store Store { get; } = new(); }

        [Component("api")]
        public sealed partial class ApiComponent
        {
            public void PrepareAsync(WebEndpoints web) => web.MapEndpoints(routes =>
            {
                routes.MapGet("/count", ([FromResource] Store store) => store.Count);
                routes.MapGet("/other", (HANDLER_PARAMETER) => store.Count);
            });
        }

        [Component("app")]
        [ChildComponent<WebComponent>("web")]
        [ChildComponent<StoreComponent>("store")]
        [ChildComponent<ApiComponent>("api")]
        public sealed partial class App { public void StartAsync(WebServer server) { } }
        """;

    [Fact]
    public async Task ASPH0001_at_a_handler_parameter_taking_a_resource_nobody_publishes()
    {
        var diagnostics = await AnalyzeAsync(App.Replace("HANDLER_PARAMETER", "[FromResource(\"archive\")] Store store"));

        var diagnostic = Assert.Single(diagnostics, d => d.Id == "ASPH0001");
        Assert.Equal("store", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        Assert.Contains("routes.MapGet(\"/other\"", diagnostic.Location.SourceTree.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString());
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'app/api'", message);
        Assert.Contains("Store 'archive'", message);
        Assert.Contains("parameter 'store' of an endpoint handler", message);
        Assert.Contains("did you mean 'default' (from 'app/store')", message);
    }

    [Fact]
    public async Task The_valid_twin_builds_clean()
    {
        var diagnostics = await AnalyzeAsync(App.Replace("HANDLER_PARAMETER", "[FromResource(\"default\")] Store store"));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_keyed_service_with_a_key_that_is_not_a_name_is_not_a_resource()
    {
        var diagnostics = await AnalyzeAsync(App.Replace("HANDLER_PARAMETER", "[FromResource(42)] Store store"));
        Assert.Empty(diagnostics);
    }

    // What the SDK's ImplicitUsings give the package's project.
    private const string ImplicitUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    // The test's source plus every file of src/Asphalt.AspNetCore, against the framework (ASP.NET Core
    // included), Asphalt.Runtime and Asphalt.Hosting (the package's health checks); the generator, then the wiring analyzer.
    private static async Task<IReadOnlyList<Diagnostic>> AnalyzeAsync(string source)
    {
        var package = Path.Combine(RepositoryRoot(), "src", "Asphalt.AspNetCore");
        var trees = Directory.EnumerateFiles(package, "*.cs", SearchOption.TopDirectoryOnly)
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), GeneratorHarness.ParseOptions, path))
            .Append(CSharpSyntaxTree.ParseText(source, GeneratorHarness.ParseOptions, "App.cs"))
            .Append(CSharpSyntaxTree.ParseText(ImplicitUsings, GeneratorHarness.ParseOptions, "ImplicitUsings.cs"));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p) is var name && (name.StartsWith("System.", StringComparison.Ordinal)
                || name.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || name.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal)
                || name is "mscorlib.dll" or "netstandard.dll"))
            .Append(typeof(Component).Assembly.Location)
            .Append(typeof(Asphalt.Hosting.AsphaltHealthChecks).Assembly.Location)
            .Distinct()
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("WebApp", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var generated = GeneratorHarness.Generate(compilation);
        var errors = generated.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        var analyzers = generated.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WiringAnalyzer()));
        return (await analyzers.GetAnalyzerDiagnosticsAsync()).Where(d => d.Id.StartsWith("ASPH", StringComparison.Ordinal)).ToList();
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Asphalt.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found above " + AppContext.BaseDirectory);
    }
}
