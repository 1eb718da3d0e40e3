using System.Reflection;
using System.Text.RegularExpressions;
using Asphalt.Generators.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>Every wiring descriptor has an ID constant, a doc page with the right title, a matching help link, a release entry, and is supported by the analyzer.</summary>
public sealed class DiagnosticDocsTests
{
    public static TheoryData<string> Ids() => new(Descriptors().Select(d => d.Id));

    private static IEnumerable<DiagnosticDescriptor> Descriptors() =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!);

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Asphalt.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_has_doc_page_with_title_and_help_link(string id)
    {
        var descriptor = Descriptors().Single(d => d.Id == id);
        var page = Path.Combine(RepoRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.Equal($"# {id}: {descriptor.Title}", File.ReadAllLines(page)[0]);
        Assert.Equal(DiagnosticIds.HelpUri(id), descriptor.HelpLinkUri);
        Assert.Equal($"https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        var text = File.ReadAllText(page);
        Assert.Contains("## What it reports", text);
        Assert.Contains("## How to fix", text);
        Assert.Contains("Non-compliant", text);
        Assert.Contains("Compliant", text);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_tracked_declared_and_supported(string id)
    {
        var folder = Path.Combine(RepoRoot(), "src", "Asphalt.Generators");
        var releases = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md")) + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex("^" + id + @"\s*\|", RegexOptions.Multiline), releases);
        Assert.Contains(id, typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null) as string));
        Assert.Contains(new WiringAnalyzer().SupportedDiagnostics, d => d.Id == id);
    }

    [Fact]
    public void Every_wiring_doc_page_has_a_descriptor()
    {
        var ids = Descriptors().Select(d => d.Id).ToHashSet();
        foreach (var page in Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "diagnostics"), "ASPH0*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }
    }
}
