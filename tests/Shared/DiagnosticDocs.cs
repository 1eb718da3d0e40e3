using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Asphalt.Tests.Shared;

/// <summary>
/// The consistency checks every Roslyn project's diagnostics must pass: a doc page per ID with the
/// right title, sections and severity, a help link to it, a release-tracking entry and an ID constant.
/// Compiled into each Roslyn test project (linked source: the projects share no test library).
/// </summary>
internal static class DiagnosticDocs
{
    public static IReadOnlyList<DiagnosticDescriptor> DescriptorsIn(Type descriptors) =>
        descriptors.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .ToList();

    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Asphalt.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found above " + AppContext.BaseDirectory);
    }

    public static void AssertDocPage(DiagnosticDescriptor descriptor)
    {
        var id = descriptor.Id;
        var page = Path.Combine(RepoRoot(), "docs", "diagnostics", id + ".md");
        Assert.True(File.Exists(page), $"missing {page}");
        Assert.Equal($"# {id}: {descriptor.Title}", File.ReadAllLines(page)[0]);
        Assert.Equal($"https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/{id}.md", descriptor.HelpLinkUri);
        var text = File.ReadAllText(page);
        Assert.Contains("## What it reports", text);
        Assert.Contains("## How to fix", text);
        Assert.Contains("Non-compliant", text);
        Assert.Contains("Compliant", text);
        Assert.Contains($"| Severity | {descriptor.DefaultSeverity} |", text);
    }

    /// <summary>The ID has a release-tracking entry in <paramref name="project"/> and a constant in <paramref name="ids"/>.</summary>
    public static void AssertTracked(string id, string project, Type ids)
    {
        var folder = Path.Combine(RepoRoot(), "src", project);
        var releases = File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Unshipped.md"))
            + File.ReadAllText(Path.Combine(folder, "AnalyzerReleases.Shipped.md"));
        Assert.Matches(new Regex("^" + id + @"\s*\|", RegexOptions.Multiline), releases);
        Assert.Contains(id, ids.GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => f.GetValue(null) as string));
    }

    /// <summary>Every page matching <paramref name="pattern"/> belongs to one of <paramref name="descriptors"/>.</summary>
    public static void AssertEveryPageHasDescriptor(string pattern, IEnumerable<DiagnosticDescriptor> descriptors)
    {
        var ids = descriptors.Select(d => d.Id).ToHashSet();
        foreach (var page in Directory.GetFiles(Path.Combine(RepoRoot(), "docs", "diagnostics"), pattern))
        {
            Assert.Contains(Path.GetFileNameWithoutExtension(page), ids);
        }
    }
}
