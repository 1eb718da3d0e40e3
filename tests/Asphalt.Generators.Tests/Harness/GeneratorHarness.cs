using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Asphalt.Generators.Components;
using Asphalt.Generators.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests.Harness;

/// <summary>Compiles test sources, runs the generator and the analyzer, and loads what was generated.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The framework from the test host, plus the Runtime and the configuration packages it uses.
        var paths = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .ToList();
        paths.Add(typeof(Component).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Configuration.IConfiguration).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Configuration.ConfigurationBuilder).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Primitives.IChangeToken).Assembly.Location);
        paths.Add(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location);
        return paths.Distinct().Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).ToImmutableArray();
    });

    public static CSharpCompilation Compile(params string[] sources) => Compile("TestApp", [], sources);

    /// <summary>Compiles <paramref name="sources"/> as assembly <paramref name="assemblyName"/>, with extra references (component libraries).</summary>
    public static CSharpCompilation Compile(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources) =>
        CSharpCompilation.Create(
            assemblyName,
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"{(assemblyName == "TestApp" ? "Source" : assemblyName)}{i}.cs")),
            References.Value.Concat(references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>
    /// Builds a component library as its author would (generator run, clean build) and returns its
    /// image, to be referenced as metadata by an application compilation, as a package is.
    /// </summary>
    public static Task<ComponentLibrary> BuildLibraryAsync(string assemblyName, params string[] sources) =>
        BuildLibraryAsync(assemblyName, [], sources);

    /// <summary>Builds a component library that uses other assemblies than the test's default references.</summary>
    public static async Task<ComponentLibrary> BuildLibraryAsync(string assemblyName, IEnumerable<MetadataReference> references, params string[] sources)
    {
        var program = await AnalyzeAsync(Compile(assemblyName, references, sources), []);
        program.AssertClean();
        using var stream = new MemoryStream();
        var emit = program.Generated.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return new ComponentLibrary(assemblyName, stream.ToArray());
    }

    public static GeneratorDriver CreateDriver() =>
        CSharpGeneratorDriver.Create(
            new[] { new ComponentGenerator().AsSourceGenerator() },
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs the generator; returns the compilation with generated sources and the run result.</summary>
    public static GeneratorResult Generate(Compilation compilation)
    {
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult().Results.Single();
        return new GeneratorResult(output, result, generatorDiagnostics);
    }

    /// <summary>Runs the generator, then the wiring analyzer over the result.</summary>
    public static Task<GeneratedProgram> AnalyzeAsync(params string[] sources) => AnalyzeAsync([], sources);

    /// <summary>Runs the generator, then the wiring analyzer with <paramref name="files"/> as AdditionalFiles.</summary>
    public static Task<GeneratedProgram> AnalyzeAsync(IEnumerable<ConfigurationFile> files, params string[] sources) =>
        AnalyzeAsync(Compile(sources), files);

    /// <summary>Runs the generator on <paramref name="compilation"/>, then the wiring analyzer with <paramref name="files"/> as AdditionalFiles.</summary>
    public static async Task<GeneratedProgram> AnalyzeAsync(Compilation compilation, IEnumerable<ConfigurationFile> files)
    {
        var generated = Generate(compilation);
        var analyzers = generated.Output.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new WiringAnalyzer()), ConfigurationFile.Options(files));
        var analyzerDiagnostics = await analyzers.GetAnalyzerDiagnosticsAsync();
        return new GeneratedProgram(generated, analyzerDiagnostics);
    }

    /// <summary>Generates, asserts a clean build (no compiler errors, no wiring diagnostics), emits and loads the assembly.</summary>
    public static Task<Assembly> BuildAndLoadAsync(params string[] sources) => BuildAndLoadAsync([], sources);

    /// <summary>As <see cref="BuildAndLoadAsync(string[])"/>, for an application that references component libraries.</summary>
    public static async Task<Assembly> BuildAndLoadAsync(IReadOnlyList<ComponentLibrary> libraries, params string[] sources)
    {
        var program = await AnalyzeAsync(Compile("TestApp", libraries.Select(l => l.Reference), sources), []);
        program.AssertClean();
        return Load(program, libraries);
    }

    /// <summary>Emits and loads a program that has no compiler errors (it may have wiring warnings).</summary>
    public static Assembly Load(GeneratedProgram program, IReadOnlyList<ComponentLibrary>? libraries = null)
    {
        libraries ??= [];
        using var stream = new MemoryStream();
        var emit = program.Generated.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        // Collectible, with Asphalt.Runtime shared from the test's own load context; the libraries
        // load into the same context, from their images, when the application first needs them.
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        context.Resolving += (loader, name) =>
            libraries.FirstOrDefault(l => l.AssemblyName == name.Name) is { } library ? loader.LoadFromStream(new MemoryStream(library.Image)) : null;
        return context.LoadFromStream(stream);
    }

    /// <summary>Calls <c>public static Task&lt;T&gt; Name()</c> on a type of the generated assembly.</summary>
    public static async Task<T> InvokeAsync<T>(Assembly assembly, string typeName, string method, params object?[] arguments)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        var task = (Task<T>)type.GetMethod(method)!.Invoke(null, arguments)!;
        return await task;
    }
}

/// <summary>A compiled component library: its assembly name and image.</summary>
internal sealed record ComponentLibrary(string AssemblyName, byte[] Image)
{
    public MetadataReference Reference { get; } = MetadataReference.CreateFromImage(Image);
}

internal sealed record GeneratorResult(Compilation Output, GeneratorRunResult Run, ImmutableArray<Diagnostic> GeneratorDiagnostics)
{
    public IReadOnlyList<(string HintName, string Text)> Sources =>
        Run.GeneratedSources.Select(s => (s.HintName, s.SourceText.ToString())).OrderBy(s => s.HintName, StringComparer.Ordinal).ToList();
}

internal sealed record GeneratedProgram(GeneratorResult Generated, ImmutableArray<Diagnostic> AnalyzerDiagnostics)
{
    public IEnumerable<Diagnostic> CompilerErrors =>
        Generated.Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);

    public IEnumerable<Diagnostic> Wiring => AnalyzerDiagnostics.Where(d => d.Id.StartsWith("ASPH", StringComparison.Ordinal));

    public void AssertClean()
    {
        Assert.Empty(Generated.GeneratorDiagnostics);
        Assert.True(Generated.Run.Exception is null, Generated.Run.Exception?.ToString());
        var errors = CompilerErrors.Concat(Wiring).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, "Expected a clean build, got:\n" + string.Join("\n", errors));
    }
}
