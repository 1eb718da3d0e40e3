using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// A small YAML reader for configuration files, with the offset of every key and value.
    /// </summary>
    /// <remarks>
    /// Our own rather than YamlDotNet: an analyzer dependency would have to be packed next to the
    /// analyzer and loaded by every compiler host (and can clash with another analyzer's copy), while
    /// configuration files use a small part of YAML. Supported: block mappings and sequences, plain,
    /// quoted and block (<c>|</c>, <c>&gt;</c>) scalars, comments, flow collections (<c>[a, b]</c>,
    /// <c>{a: b}</c>, so JSON too), tags, anchors, aliases and <c>&lt;&lt;</c> merge keys, one document.
    /// Anything else throws <see cref="YamlException"/> with a position, never another exception.
    /// </remarks>
    internal sealed partial class YamlParser
    {
        private readonly string _text;
        private int _pos;
        private int _depth;
        private int _flow;

        private YamlParser(string text) => _text = text;

        /// <summary>Parses one document; null for an empty file.</summary>
        /// <exception cref="YamlException">The text is not valid (supported) YAML.</exception>
        public static YamlNode? Parse(string text) => new YamlParser(text).ParseDocument();

        private char Current => _pos < _text.Length ? _text[_pos] : '\0';

        private bool AtEnd => _pos >= _text.Length;

        private char Peek(int offset) => _pos + offset < _text.Length ? _text[_pos + offset] : '\0';

        private static bool IsBreak(char c) => c is '\n' or '\r' or '\0';

        private static bool IsBlank(char c) => c is ' ' or '\t';

        private static bool IsBlankOrBreak(char c) => IsBlank(c) || IsBreak(c);

        private int Column(int position)
        {
            var start = position;
            while (start > 0 && _text[start - 1] != '\n')
            {
                start--;
            }

            return position - start;
        }

        private YamlException Error(string message, int? position = null) => new(position ?? _pos, message);

        private YamlNode? ParseDocument()
        {
            if (_text.Length > 0 && _text[0] == '\uFEFF')
            {
                _pos = 1;
            }

            SkipToContent();
            while (!AtEnd && Current == '%' && Column(_pos) == 0)
            {
                SkipLine(); // A directive (%YAML 1.2): nothing to apply.
                SkipToContent();
            }

            if (AtDocumentMarker("---"))
            {
                _pos += 3;
            }

            SkipToContent();
            if (AtEnd || AtDocumentMarker("..."))
            {
                return null;
            }

            var root = ParseBlockNode(-1, afterKey: false);
            SkipToContent();
            if (AtDocumentMarker("..."))
            {
                _pos += 3;
                SkipToContent();
            }

            if (AtDocumentMarker("---") || (!AtEnd && !AtDocumentMarker("...")))
            {
                throw AtDocumentMarker("---")
                    ? Error("the file has more than one YAML document ('---'); put everything in one")
                    : Error($"unexpected content; check the indentation of this line");
            }

            return root;
        }

        private bool AtDocumentMarker(string marker) =>
            Column(_pos) == 0
            && string.CompareOrdinal(_text, _pos, marker, 0, 3) == 0
            && IsBlankOrBreak(Peek(3));

        private void SkipLine()
        {
            while (!AtEnd && _text[_pos] != '\n')
            {
                _pos++;
            }
        }

        /// <summary>Skips blanks, comments and line breaks up to the next content (or the end).</summary>
        private void SkipToContent()
        {
            while (!AtEnd)
            {
                var c = Current;
                if (c is ' ' or '\r' or '\n')
                {
                    _pos++;
                }
                else if (c == '\t')
                {
                    if (_flow == 0 && IsIndentation(_pos))
                    {
                        var lineEnd = _pos;
                        while (lineEnd < _text.Length && IsBlank(_text[lineEnd]))
                        {
                            lineEnd++;
                        }

                        if (lineEnd < _text.Length && !IsBreak(_text[lineEnd]) && _text[lineEnd] != '#')
                        {
                            throw Error("a tab indents this line; YAML indents with spaces only");
                        }
                    }

                    _pos++;
                }
                else if (c == '#' && (_pos == 0 || IsBlankOrBreak(_text[_pos - 1])))
                {
                    SkipLine();
                }
                else
                {
                    return;
                }
            }
        }

        /// <summary>Whether only blanks precede <paramref name="position"/> on its line.</summary>
        private bool IsIndentation(int position)
        {
            for (var i = position - 1; i >= 0 && _text[i] != '\n'; i--)
            {
                if (!IsBlank(_text[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Skips blanks and a comment on the current line; true when the line has nothing more.</summary>
        private bool SkipToLineEnd()
        {
            while (IsBlank(Current))
            {
                _pos++;
            }

            if (Current == '#')
            {
                SkipLine();
            }

            return IsBreak(Current);
        }

        /// <summary>
        /// A block node whose content is more indented than <paramref name="parentIndent"/>. The node may
        /// start on the current line (after <c>key:</c> or <c>- </c>) or on a following one.
        /// </summary>
        private YamlNode ParseBlockNode(int parentIndent, bool afterKey)
        {
            Enter();
            try
            {
                return ParseBlockNodeCore(parentIndent, afterKey);
            }
            finally
            {
                _depth--;
            }
        }

        private YamlNode ParseBlockNodeCore(int parentIndent, bool afterKey)
        {
            var emptyAt = _pos;
            string? tag = null;
            string? anchor = null;
            var startedInline = !IsIndentation(_pos);
            while (true)
            {
                if (SkipToLineEnd())
                {
                    SkipToContent();
                    startedInline = false;
                    if (AtEnd || Column(_pos) <= parentIndent || AtDocumentMarker("---") || AtDocumentMarker("..."))
                    {
                        return Anchored(anchor, new YamlScalar(emptyAt, emptyAt, null, tag));
                    }
                }

                if (Current == '!')
                {
                    tag = ReadToken();
                }
                else if (Current == '&')
                {
                    var at = _pos;
                    anchor = ReadToken().Substring(1);
                    if (anchor.Length == 0)
                    {
                        throw Error("an anchor needs a name ('&name')", at);
                    }
                }
                else
                {
                    break;
                }
            }

            var column = Column(_pos);
            var start = _pos;
            var c = Current;
            YamlNode node;
            if (c == '*')
            {
                node = ReadAlias();
            }
            else if (c == '-' && IsBlankOrBreak(Peek(1)))
            {
                if (afterKey && startedInline)
                {
                    throw Error("a list cannot start on the line of its key; put '- item' on the next line or write [item]");
                }

                node = ParseBlockSequence(column);
            }
            else if (c is '[' or '{')
            {
                node = ParseFlowNode();
                RequireLineEnd();
            }
            else if (c is '|' or '>')
            {
                node = ParseBlockScalar(parentIndent, tag);
            }
            else if (c is '?' && IsBlankOrBreak(Peek(1)))
            {
                throw Error("complex keys ('? ') are not supported in configuration files");
            }
            else if (c is '@' or '`')
            {
                throw Error($"'{c}' cannot start a plain value; quote it");
            }
            else
            {
                var keyStart = _pos;
                string? text;
                bool quoted = c is '"' or '\'';
                text = quoted ? ReadQuoted() : ReadPlainLine(flow: false);
                var keyEnd = _pos;
                var save = _pos;
                while (IsBlank(Current))
                {
                    _pos++;
                }

                if (Current == ':' && IsBlankOrBreak(Peek(1)))
                {
                    if (afterKey && startedInline)
                    {
                        throw Error("a mapping cannot start on the line of its key (mapping values are not allowed here); quote the value or put the mapping on the next lines", keyStart);
                    }

                    node = ParseBlockMapping(column, text ?? string.Empty, keyStart, keyEnd);
                }
                else
                {
                    _pos = save;
                    node = quoted
                        ? FinishQuoted(keyStart, text, tag)
                        : ContinuePlain(keyStart, text, parentIndent, tag);
                }
            }

            Anchored(anchor, node);
            return node is YamlScalar { Tag: null } s && tag is not null ? new YamlScalar(s.Start, s.End, s.Value, tag) : node;

            YamlNode FinishQuoted(int from, string? value, string? withTag)
            {
                RequireLineEnd();
                return new YamlScalar(from, _pos, value ?? string.Empty, withTag);
            }
        }

        /// <summary>After a complete value only a comment may follow on the line.</summary>
        private void RequireLineEnd()
        {
            var at = _pos;
            if (!SkipToLineEnd())
            {
                _pos = at;
                while (IsBlank(Current))
                {
                    _pos++;
                }

                throw Error(Current == ':'
                    ? "mapping values are not allowed here; quote the value if it contains ': '"
                    : "unexpected text after the value");
            }
        }

        private string ReadToken()
        {
            var start = _pos;
            while (!IsBlankOrBreak(Current) && Current != ',' && Current != ']' && Current != '}')
            {
                _pos++;
            }

            return _text.Substring(start, _pos - start);
        }

        private YamlMapping ParseBlockMapping(int column, string firstKey, int keyStart, int keyEnd)
        {
            var entries = new List<YamlEntry>();
            var merges = new List<YamlMapping>();
            var start = keyStart;
            var key = firstKey;
            while (true)
            {
                _pos++; // ':'
                var value = ParseMappingValue(column);
                AddEntry(entries, merges, new YamlEntry(key, keyStart, keyEnd, value));
                SkipToContent();
                if (AtEnd || AtDocumentMarker("---") || AtDocumentMarker("..."))
                {
                    break;
                }

                var next = Column(_pos);
                if (next < column)
                {
                    break;
                }

                if (next > column)
                {
                    throw Error("this line is indented more than the keys above it; align it with them or nest it under a key");
                }

                if (Current == '-' && IsBlankOrBreak(Peek(1)))
                {
                    throw Error("a list item where a key was expected; indent the list under its key");
                }

                keyStart = _pos;
                var quoted = Current is '"' or '\'';
                key = (quoted ? ReadQuoted() : ReadPlainLine(flow: false)) ?? string.Empty;
                keyEnd = _pos;
                while (IsBlank(Current))
                {
                    _pos++;
                }

                if (Current != ':' || !IsBlankOrBreak(Peek(1)))
                {
                    throw Error("could not find the ':' after this key", keyStart);
                }
            }

            ApplyMerges(entries, merges);
            return new YamlMapping(start, entries.Count > 0 ? LastEnd(entries) : _pos, entries);
        }

        private static int LastEnd(List<YamlEntry> entries) => Math.Max(entries[entries.Count - 1].KeyEnd, entries[entries.Count - 1].Value.End);

        /// <summary>The value after <c>key:</c>: on the same line, on more indented lines, or a list at the key's own indentation.</summary>
        private YamlNode ParseMappingValue(int column)
        {
            var colonEnd = _pos;
            if (SkipToLineEnd())
            {
                SkipToContent();
                if (!AtEnd && Column(_pos) == column && Current == '-' && IsBlankOrBreak(Peek(1)) && !AtDocumentMarker("---"))
                {
                    Enter();
                    try
                    {
                        return ParseBlockSequence(column);
                    }
                    finally
                    {
                        _depth--;
                    }
                }

                if (AtEnd || Column(_pos) <= column || AtDocumentMarker("---") || AtDocumentMarker("..."))
                {
                    return new YamlScalar(colonEnd, colonEnd, null, null);
                }
            }

            return ParseBlockNode(column, afterKey: true);
        }

        private void AddEntry(List<YamlEntry> entries, List<YamlMapping> merges, YamlEntry entry)
        {
            if (entry.Key == "<<")
            {
                // YAML merge key: the referenced mappings provide defaults; keys written here win.
                switch (entry.Value)
                {
                    case YamlMapping single:
                        merges.Add(single);
                        return;
                    case YamlSequence several when several.Items.TrueForAll(i => i is YamlMapping):
                        foreach (var item in several.Items)
                        {
                            merges.Add((YamlMapping)item);
                        }

                        return;
                    default:
                        throw Error("'<<' (merge key) needs a mapping or a list of mappings, such as '<<: *defaults'", entry.KeyStart);
                }
            }

            if (entry.Key.Trim().Length == 0)
            {
                throw Error("a key is empty", entry.KeyStart);
            }

            if (entry.Key.IndexOf(':') >= 0)
            {
                throw Error("a key cannot contain ':' (configuration uses it to separate levels); nest a mapping instead", entry.KeyStart);
            }

            foreach (var existing in entries)
            {
                if (string.Equals(existing.Key, entry.Key, StringComparison.OrdinalIgnoreCase))
                {
                    var line = LineOf(existing.KeyStart);
                    throw Error($"duplicate key '{entry.Key}' (first written at line {line}; keys compare ignoring case): keep one", entry.KeyStart);
                }
            }

            entries.Add(entry);
        }

        private static void ApplyMerges(List<YamlEntry> entries, List<YamlMapping> merges)
        {
            foreach (var merged in merges)
            {
                foreach (var entry in merged.Entries)
                {
                    if (!entries.Exists(e => string.Equals(e.Key, entry.Key, StringComparison.OrdinalIgnoreCase)))
                    {
                        entries.Add(entry);
                    }
                }
            }
        }

        private int LineOf(int position)
        {
            var line = 1;
            for (var i = 0; i < position && i < _text.Length; i++)
            {
                if (_text[i] == '\n')
                {
                    line++;
                }
            }

            return line;
        }

        private YamlSequence ParseBlockSequence(int column)
        {
            var start = _pos;
            var items = new List<YamlNode>();
            while (true)
            {
                _pos++; // '-'
                items.Add(ParseBlockNode(column, afterKey: false));
                SkipToContent();
                if (AtEnd || AtDocumentMarker("---") || AtDocumentMarker("..."))
                {
                    break;
                }

                var next = Column(_pos);
                if (next < column || (next == column && !(Current == '-' && IsBlankOrBreak(Peek(1)))))
                {
                    break; // The list ends; a key at this column continues the enclosing mapping.
                }

                if (next > column)
                {
                    throw Error("this line is indented more than the list items above it");
                }
            }

            return new YamlSequence(start, items.Count > 0 ? items[items.Count - 1].End : _pos, items);
        }

        /// <summary>A plain scalar in block context, up to ': ', ' #' or the end of the line; null for null-like values.</summary>
        private string? ReadPlainLine(bool flow)
        {
            var start = _pos;
            while (!AtEnd)
            {
                var c = Current;
                if (IsBreak(c))
                {
                    break;
                }

                if (c == ':' && (IsBlankOrBreak(Peek(1)) || (flow && Peek(1) is ',' or ']' or '}' or '[' or '{')))
                {
                    break;
                }

                if (c == '#' && _pos > start && IsBlank(_text[_pos - 1]))
                {
                    break;
                }

                if (flow && c is ',' or ']' or '}' or '[' or '{')
                {
                    break;
                }

                _pos++;
            }

            var end = _pos;
            while (end > start && IsBlank(_text[end - 1]))
            {
                end--;
            }

            _pos = end;
            if (end == start)
            {
                throw Error("a value was expected here");
            }

            var text = _text.Substring(start, end - start);
            return text is "~" or "null" or "Null" or "NULL" ? null : text;
        }

        /// <summary>A plain value may continue on more indented lines (folded with spaces).</summary>
        private YamlNode ContinuePlain(int start, string? first, int parentIndent, string? tag)
        {
            var end = _pos;
            if (!SkipToLineEnd())
            {
                throw Error("mapping values are not allowed here; quote the value if it contains ': '");
            }

            var builder = first is null ? null : new StringBuilder(first);
            while (true)
            {
                var save = _pos;
                SkipToContent();
                if (AtEnd || Column(_pos) <= parentIndent || AtDocumentMarker("---") || AtDocumentMarker("...")
                    || (Current == '#'))
                {
                    _pos = save;
                    break;
                }

                var line = ReadPlainLine(flow: false);
                if (Current == ':' || (!SkipToLineEnd()))
                {
                    throw Error("mapping values are not allowed here; quote the value if it contains ': '");
                }

                builder ??= new StringBuilder(first ?? string.Empty);
                builder.Append(' ').Append(line ?? "null");
                end = _pos;
            }

            var value = builder?.ToString();
            return new YamlScalar(start, end, value, tag);
        }
    }
}
