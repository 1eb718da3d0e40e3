using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Tests.Harness;

/// <summary>A configuration file handed to the analyzer as an AdditionalFiles item, with the item metadata MSBuild would pass.</summary>
/// <param name="Path">The file's path, as diagnostics name it.</param>
/// <param name="Text">The file's text.</param>
/// <param name="IsConfiguration">Whether the item has <c>AsphaltConfiguration="true"</c>.</param>
/// <param name="RootType">The item's <c>AsphaltRootType</c> metadata, if any.</param>
internal sealed record ConfigurationFile(string Path, string Text, bool IsConfiguration = true, string? RootType = null)
{
    /// <summary>The analyzer options MSBuild would give for these items (metadata as <c>build_metadata.AdditionalFiles.*</c>).</summary>
    public static AnalyzerOptions Options(IEnumerable<ConfigurationFile> files)
    {
        var list = files.ToList();
        var texts = list.Select(f => (AdditionalText)new InMemoryText(f.Path, f.Text)).ToImmutableArray();
        var metadata = list.ToDictionary(f => f.Path, f =>
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            if (f.IsConfiguration)
            {
                values["build_metadata.AdditionalFiles.AsphaltConfiguration"] = "true";
            }

            if (f.RootType is not null)
            {
                values["build_metadata.AdditionalFiles.AsphaltRootType"] = f.RootType;
            }

            return (AnalyzerConfigOptions)new DictionaryOptions(values);
        });
        return new AnalyzerOptions(texts, new OptionsProvider(metadata));
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path => path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public static readonly DictionaryOptions Empty = new([]);

        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }

    private sealed class OptionsProvider(Dictionary<string, AnalyzerConfigOptions> byPath) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => DictionaryOptions.Empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            byPath.TryGetValue(textFile.Path, out var options) ? options : DictionaryOptions.Empty;
    }
}
