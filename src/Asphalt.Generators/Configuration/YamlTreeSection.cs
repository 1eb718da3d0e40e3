using System.Collections.Generic;
using System.Linq;
using Asphalt.Trees;

namespace Asphalt.Generators.Configuration
{
    /// <summary>A component's section of a configuration file as the shared tree builder reads it.</summary>
    internal sealed class YamlTreeSection : TreeSection
    {
        public YamlTreeSection(YamlNode? value, string keyPath, int keyStart, int keyEnd)
        {
            Node = value;
            KeyPath = keyPath;
            KeyStart = keyStart;
            KeyEnd = keyEnd;
        }

        /// <summary>The value as written; null when the file does not write the key.</summary>
        public YamlNode? Node { get; }

        /// <summary>The options as the file writes them; null when absent or empty.</summary>
        public YamlMapping? Mapping => Node as YamlMapping;

        public override string KeyPath { get; }

        /// <summary>Where problems of this section are reported: its key, or its nearest ancestor the file writes.</summary>
        public int KeyStart { get; }

        public int KeyEnd { get; }

        /// <summary>The value's span, for problems with what is written (the key's when absent).</summary>
        public int ValueStart => Node?.Start ?? KeyStart;
        public int ValueEnd => Node is null ? KeyEnd : System.Math.Max(Node.End, Node.Start);

        protected override SectionShape WrittenShape => Node switch
        {
            null => SectionShape.Empty,
            YamlMapping => SectionShape.Mapping,
            YamlSequence => SectionShape.List,
            YamlScalar { Value: null } => SectionShape.Empty,
            _ => SectionShape.Scalar,
        };

        protected override string? ScalarText => (Node as YamlScalar)?.Value;

        protected override bool IsKnownOnlyAtRunTime => Node is YamlScalar { IsSubstituted: true };

        public override TreeSection Components => Child(TreeRules.ComponentsKey);

        public override IEnumerable<string> Keys => Mapping?.Entries.Select(e => e.Key) ?? Enumerable.Empty<string>();

        public override TreeSection Child(string key) =>
            Mapping?.Find(key) is { } entry
                ? new YamlTreeSection(entry.Value, KeyPath + "." + entry.Key, entry.KeyStart, entry.KeyEnd)
                : new YamlTreeSection(null, KeyPath + "." + key, KeyStart, KeyEnd);

        public override string? Value(string key) =>
            Mapping?.Find(key)?.Value is YamlScalar { IsSubstituted: false, Value: { } value } ? value : null;
    }
}
