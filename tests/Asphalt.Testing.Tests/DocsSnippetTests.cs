using System.Text.RegularExpressions;

namespace Asphalt.Testing.Tests;

/// <summary>docs/testing.md shows the code of <see cref="TestingExamples"/>, not a copy that may drift.</summary>
public sealed partial class DocsSnippetTests
{
    [Fact]
    public void Every_example_in_docs_testing_md_is_the_code_of_a_test()
    {
        var page = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testing.md"));
        var source = File.ReadAllText(Path.Combine(SourceDirectory(), "TestingExamples.cs"));
        var examples = Example().Matches(source).ToDictionary(m => m.Groups["name"].Value, m => Dedent(m.Groups["code"].Value));
        var shown = DocBlock().Matches(page).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["code"].Value.TrimEnd());

        Assert.NotEmpty(shown);
        Assert.Equal(examples.Keys.Order(), shown.Keys.Order()); // Every example is shown, and nothing else.
        foreach (var (name, code) in shown)
        {
            Assert.Equal(examples[name], code);
        }
    }

    private static string Dedent(string code)
    {
        var lines = code.TrimEnd().Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    [GeneratedRegex(@"// begin example: (?<name>[\w-]+)\n(?<code>.*?)\n[ ]*// end example", RegexOptions.Singleline)]
    private static partial Regex Example();

    // A fenced block right after its marker comment: <!-- example: name -->
    [GeneratedRegex(@"<!-- example: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex DocBlock();
}
