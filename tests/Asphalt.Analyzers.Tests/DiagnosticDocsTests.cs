using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace Asphalt.Analyzers.Tests;

/// <summary>Every descriptor has an ID constant, a doc page with the right title, a matching help link and a release entry.</summary>
public class DiagnosticDocsTests
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
        var lines = File.ReadAllLines(page);
        Assert.Equal($"# {id}: {descriptor.Title}", lines[0]);
        Assert.Equal($"https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        var text = File.ReadAllText(page);
        Assert.Contains("Non-compliant", text);
        Assert.Contains("Compliant", text);
        Assert.Contains("## How to fix", text);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void Descriptor_is_in_release_tracking_and_ids(string id)
    {
        var unshipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Asphalt.Analyzers", "AnalyzerReleases.Unshipped.md"));
        var shipped = File.ReadAllText(Path.Combine(RepoRoot(), "src", "Asphalt.Analyzers", "AnalyzerReleases.Shipped.md"));
        Assert.True(Regex.IsMatch(unshipped + shipped, "^" + id + @"\s*\|", RegexOptions.Multiline), $"{id} is not in AnalyzerReleases");
        var constants = typeof(DiagnosticIds).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!);
        Assert.Contains(id, constants);
    }

    [Fact]
    public void Every_doc_page_has_a_descriptor()
    {
        var ids = Descriptors().Select(d => d.Id).ToHashSet();
        foreach (var page in Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "diagnostics"), "ASPH1*.md"))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }
    }
}
