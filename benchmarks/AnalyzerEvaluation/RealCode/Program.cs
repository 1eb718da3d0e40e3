// Compiles every .cs file under the given source folders as one library (C# preview, the net10.0
// reference pack, the DLLs of any --ref folder, .NET 10 preprocessor symbols) and runs, in one
// CompilationWithAnalyzers, the Asphalt blocking analyzers and the anchors: CA1849
// (Microsoft.CodeAnalysis.NetAnalyzers), MA0042/MA0045 (Meziantou.Analyzer) and VSTHRD103
// (Microsoft.VisualStudio.Threading.Analyzers), their DLLs loaded from the NuGet cache (see
// RealCode.csproj for the versions). Prints each ASPH finding as "path:line: ID: message [leaf …]"
// and the count per analyzer; with --out DIR it writes DIR/<ID>.tsv, one finding a line:
// ID, path:line, the code on that line, and for ASPH the message with its chain and leaf.
// Compile errors (a missing package or generated file) are counted, not fatal: code that does not
// bind is not analyzed, which costs recall, not precision.
using System.Collections.Immutable;
using System.Reflection;
using Asphalt.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

var sources = new List<string>();
var referenceFolders = new List<string>();
string? outDir = null;
var anchors = true;
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--ref") referenceFolders.Add(args[++i]);
    else if (args[i] == "--out") outDir = args[++i];
    else if (args[i] == "--no-anchors") anchors = false;
    else sources.Add(args[i]);
}

if (sources.Count == 0)
{
    Console.Error.WriteLine("usage: RealCode <source folder>... [--ref <folder of DLLs>]... [--out <dir>] [--no-anchors]");
    return 2;
}

string[] anchorIds = ["CA1849", "MA0042", "MA0045", "VSTHRD103"];
string[] asphIds = ["ASPH1001", "ASPH1002"];

var symbols = new List<string> { "NET", "NETCOREAPP", "NETCOREAPP3_0_OR_GREATER", "NETCOREAPP3_1_OR_GREATER", "NETSTANDARD2_1_OR_GREATER", "NET10_0", "RELEASE" };
for (var v = 5; v <= 10; v++) symbols.Add($"NET{v}_0_OR_GREATER");
var parse = new CSharpParseOptions(LanguageVersion.Preview, preprocessorSymbols: symbols);
var root = sources[0];
var trees = sources
    .SelectMany(s => Directory.EnumerateFiles(s, "*.cs", SearchOption.AllDirectories))
    .Where(f => !f.Contains("/obj/") && !f.Contains("/bin/"))
    .OrderBy(f => f, StringComparer.Ordinal)
    .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), parse, f))
    .ToList();
// The SDK's implicit usings (ImplicitUsings=enable), which these projects may rely on.
trees.Add(CSharpSyntaxTree.ParseText(
    "global using System; global using System.Collections.Generic; global using System.IO; global using System.Linq; global using System.Net.Http; global using System.Threading; global using System.Threading.Tasks;",
    parse, "ImplicitUsings.g.cs"));

var referencePack = Directory.GetDirectories(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, "../../../packs/Microsoft.NETCore.App.Ref"))
    .OrderBy(d => d, StringComparer.Ordinal).Last();
var references = Directory.EnumerateFiles(Path.Combine(referencePack, "ref/net10.0"), "*.dll")
    .Concat(referenceFolders.SelectMany(f => Directory.EnumerateFiles(f, "*.dll")))
    .Select(p => MetadataReference.CreateFromFile(p))
    .ToList();

// The anchors' rules are off by default (CA1849, MA0045) or only some of their analyzers' rules are
// wanted: every wanted ID is turned on as a warning, every other ID of the loaded analyzers is
// suppressed, which also lets the driver skip analyzers with nothing left to report.
var analyzers = new List<DiagnosticAnalyzer> { new BlockingCallAnalyzer(), new TransitiveBlockingCallAnalyzer() };
if (anchors)
{
    analyzers.AddRange(AnchorAnalyzers.Load().Where(a => a.SupportedDiagnostics.Any(d => anchorIds.Contains(d.Id))));
}

var wanted = asphIds.Concat(anchors ? anchorIds : []).ToHashSet();
var options = analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct()
    .ToImmutableDictionary(id => id, id => wanted.Contains(id) ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress);

var compilation = CSharpCompilation.Create("RealCode", trees, references,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable,
        specificDiagnosticOptions: options));
var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
Console.WriteLine($"# {trees.Count - 1} files, {errors} compile errors");
foreach (var group in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5))
{
    Console.WriteLine($"#   {group.Key} x{group.Count()}: {group.First().GetMessage()}");
}

var withAnalyzers = compilation.WithAnalyzers([.. analyzers], new CompilationWithAnalyzersOptions(
    new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: false));
var result = (await withAnalyzers.GetAnalyzerDiagnosticsAsync())
    .Where(d => wanted.Contains(d.Id) || d.Id == "AD0001")
    .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
    .ThenBy(d => d.Location.SourceSpan.Start)
    .ThenBy(d => d.Id, StringComparer.Ordinal)
    .ToList();

string Where(Location location)
{
    var span = location.GetLineSpan();
    return Path.GetRelativePath(root, span.Path) + ":" + (span.StartLinePosition.Line + 1);
}

string CodeAt(Location location) =>
    location.SourceTree is { } tree
        ? tree.GetText().Lines[location.GetLineSpan().StartLinePosition.Line].ToString().Trim().Replace('\t', ' ')
        : "";

foreach (var diagnostic in result.Where(d => d.Id.StartsWith("ASPH", StringComparison.Ordinal)))
{
    var leaf = diagnostic.AdditionalLocations.Count > 0 ? " [leaf " + Where(diagnostic.AdditionalLocations[0]) + "]" : "";
    Console.WriteLine($"{Where(diagnostic.Location)}: {diagnostic.Id}: {diagnostic.GetMessage()}{leaf}");
}

foreach (var crash in result.Where(d => d.Id == "AD0001"))
{
    Console.WriteLine($"# AD0001 (analyzer crash): {crash.GetMessage()}");
}

Console.WriteLine("# findings per analyzer: " + string.Join(", ", wanted.Order(StringComparer.Ordinal).Select(id => $"{id} {result.Count(d => d.Id == id)}")));

if (outDir is not null)
{
    Directory.CreateDirectory(outDir);
    foreach (var id in wanted)
    {
        var lines = result.Where(d => d.Id == id).Select(d =>
        {
            var detail = id.StartsWith("ASPH", StringComparison.Ordinal)
                ? d.GetMessage() + (d.AdditionalLocations.Count > 0 ? " [leaf " + Where(d.AdditionalLocations[0]) + ": " + CodeAt(d.AdditionalLocations[0]) + "]" : "")
                : d.GetMessage();
            return string.Join('\t', id, Where(d.Location), CodeAt(d.Location), detail.Replace('\t', ' ').Replace('\n', ' '));
        });
        File.WriteAllLines(Path.Combine(outDir, id + ".tsv"), lines);
    }
}

return 0;

/// <summary>The anchors' analyzer DLLs, from the NuGet cache (restored by RealCode.csproj's PackageDownload items).</summary>
internal static class AnchorAnalyzers
{
    public static IEnumerable<DiagnosticAnalyzer> Load()
    {
        var cache = Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget/packages");
        string[] dlls =
        [
            "microsoft.codeanalysis.netanalyzers/10.0.401/analyzers/dotnet/cs/Microsoft.CodeAnalysis.NetAnalyzers.dll",
            "microsoft.codeanalysis.netanalyzers/10.0.401/analyzers/dotnet/cs/Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll",
            "meziantou.analyzer/3.0.321/analyzers/dotnet/roslyn5.9/cs/Meziantou.Analyzer.dll",
            "microsoft.visualstudio.threading.analyzers/18.12.1/analyzers/cs/Microsoft.VisualStudio.Threading.Analyzers.dll",
            "microsoft.visualstudio.threading.analyzers/18.12.1/analyzers/cs/Microsoft.VisualStudio.Threading.Analyzers.CSharp.dll",
        ];
        var loader = new Loader();
        foreach (var dll in dlls)
        {
            var path = Path.Combine(cache, dll);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException("anchor analyzer not in the NuGet cache (build RealCode.csproj to restore it)", path);
            }

            loader.AddDependencyLocation(path);
        }

        foreach (var dll in dlls)
        {
            var reference = new AnalyzerFileReference(Path.Combine(cache, dll), loader);
            reference.AnalyzerLoadFailed += (_, e) => Console.Error.WriteLine($"# could not load an analyzer from {dll}: {e.Message}");
            foreach (var analyzer in reference.GetAnalyzers(LanguageNames.CSharp))
            {
                yield return analyzer;
            }
        }
    }

    private sealed class Loader : IAnalyzerAssemblyLoader
    {
        private readonly Dictionary<string, string> _byName = new(StringComparer.OrdinalIgnoreCase);

        public Loader() => AppDomain.CurrentDomain.AssemblyResolve += (_, e) =>
            _byName.TryGetValue(new AssemblyName(e.Name).Name!, out var path) ? Assembly.LoadFrom(path) : null;

        public void AddDependencyLocation(string fullPath) => _byName[Path.GetFileNameWithoutExtension(fullPath)] = fullPath;

        public Assembly LoadFromPath(string fullPath) => Assembly.LoadFrom(fullPath);
    }
}
