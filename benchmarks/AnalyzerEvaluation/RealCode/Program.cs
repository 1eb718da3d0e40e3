// Compiles every .cs file under the given source folders as one library (C# preview, the net10.0
// reference pack, the DLLs of any --ref folder, .NET 10 preprocessor symbols), runs the Asphalt
// blocking analyzers on it and prints each finding as "path:line: ID: message" with the chain's leaf.
// Compile errors (a missing package or generated file) are counted, not fatal: code that does not
// bind is not analyzed, which costs recall, not precision.
using System.Collections.Immutable;
using Asphalt.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

var sources = new List<string>();
var referenceFolders = new List<string>();
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--ref") referenceFolders.Add(args[++i]);
    else sources.Add(args[i]);
}

if (sources.Count == 0)
{
    Console.Error.WriteLine("usage: RealCode <source folder>... [--ref <folder of DLLs>]...");
    return 2;
}

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

var compilation = CSharpCompilation.Create("RealCode", trees, references,
    new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: true, nullableContextOptions: NullableContextOptions.Enable));
var errors = compilation.GetDiagnostics().Count(d => d.Severity == DiagnosticSeverity.Error);
Console.WriteLine($"# {trees.Count - 1} files, {errors} compile errors");
foreach (var group in compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(5))
{
    Console.WriteLine($"#   {group.Key} x{group.Count()}: {group.First().GetMessage()}");
}

var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new BlockingCallAnalyzer(), new TransitiveBlockingCallAnalyzer());
var result = await compilation.WithAnalyzers(analyzers).GetAnalyzerDiagnosticsAsync();
foreach (var diagnostic in result.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
{
    var span = diagnostic.Location.GetLineSpan();
    var path = Path.GetRelativePath(root, span.Path);
    var leaf = diagnostic.AdditionalLocations.Count > 0
        ? " [leaf " + Path.GetRelativePath(root, diagnostic.AdditionalLocations[0].GetLineSpan().Path) + ":" + (diagnostic.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line + 1) + "]"
        : "";
    Console.WriteLine($"{path}:{span.StartLinePosition.Line + 1}: {diagnostic.Id}: {diagnostic.GetMessage()}{leaf}");
}

return 0;
