using System;
using System.Collections.Generic;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// A node of a configuration file as <see cref="YamlParser"/> reads it, with the character
    /// offsets it was written at (so diagnostics point at the file, line and column).
    /// </summary>
    internal abstract class YamlNode
    {
        protected YamlNode(int start, int end)
        {
            Start = start;
            End = end;
        }

        /// <summary>Offset of the node's first character.</summary>
        public int Start { get; }

        /// <summary>Offset just past the node's last character.</summary>
        public int End { get; }

        /// <summary>For messages: <c>a mapping</c>, <c>a list</c>, <c>empty</c>, <c>'text'</c>.</summary>
        public abstract string Describe();
    }

    /// <summary>A scalar: its text as written (quotes removed), or null for an empty value, <c>~</c> or <c>null</c>.</summary>
    internal sealed class YamlScalar : YamlNode
    {
        public YamlScalar(int start, int end, string? value, string? tag)
            : base(start, end)
        {
            Value = value;
            Tag = tag;
        }

        public string? Value { get; }

        /// <summary>The tag written before it (<c>!Env</c>), or null.</summary>
        public string? Tag { get; }

        /// <summary>
        /// Whether the value is only known when the application runs: <c>!Env</c>/<c>!TextFile</c>
        /// or a <c>${env:…}</c>/<c>${file:…}</c> substitution. Build-time value checks skip it.
        /// </summary>
        public bool IsSubstituted =>
            (Tag is not null && !Tag.StartsWith("!!", StringComparison.Ordinal))
            || (Value is not null && Value.IndexOf("${", StringComparison.Ordinal) >= 0);

        public override string Describe() => Value is null ? "empty" : "'" + Value + "'";
    }

    /// <summary>A list.</summary>
    internal sealed class YamlSequence : YamlNode
    {
        public YamlSequence(int start, int end, List<YamlNode> items)
            : base(start, end) => Items = items;

        public List<YamlNode> Items { get; }

        public override string Describe() => "a list";
    }

    /// <summary>A mapping; keys compare ignoring case, as configuration keys do, and keep their order.</summary>
    internal sealed class YamlMapping : YamlNode
    {
        public YamlMapping(int start, int end, List<YamlEntry> entries)
            : base(start, end) => Entries = entries;

        public List<YamlEntry> Entries { get; }

        public YamlEntry? Find(string key)
        {
            foreach (var entry in Entries)
            {
                if (string.Equals(entry.Key, key, StringComparison.OrdinalIgnoreCase))
                {
                    return entry;
                }
            }

            return null;
        }

        public override string Describe() => "a mapping";
    }

    /// <summary>One <c>key: value</c> of a mapping, with where the key was written.</summary>
    internal sealed class YamlEntry
    {
        public YamlEntry(string key, int keyStart, int keyEnd, YamlNode value)
        {
            Key = key;
            KeyStart = keyStart;
            KeyEnd = keyEnd;
            Value = value;
        }

        public string Key { get; }

        public int KeyStart { get; }

        public int KeyEnd { get; }

        public YamlNode Value { get; }
    }

    /// <summary>The file is not valid YAML (or uses what configuration forbids); <see cref="Position"/> is where.</summary>
    internal sealed class YamlException : Exception
    {
        public YamlException(int position, string message)
            : base(message) => Position = position;

        public int Position { get; }
    }
}
