using System;
using System.Collections.Generic;

namespace Asphalt.Generators.Configuration
{
    /// <summary>Flow collections (<c>[a, b]</c>, <c>{a: b}</c>): JSON is written this way.</summary>
    internal sealed partial class YamlParser
    {
        /// <summary>A flow node (<c>[…]</c>, <c>{…}</c>, a quoted or plain scalar); may span lines.</summary>
        private YamlNode ParseFlowNode()
        {
            // The outermost flow node is the block node that holds it, whose level is already counted.
            var nested = _flow > 0;
            if (nested)
            {
                Enter();
            }

            _flow++;
            try
            {
                SkipToContent();
                string? tag = null;
                string? anchor = null;
                while (Current is '!' or '&')
                {
                    if (Current == '!')
                    {
                        tag = ReadToken();
                    }
                    else
                    {
                        anchor = ReadToken().Substring(1);
                    }

                    SkipToContent();
                }

                var start = _pos;
                YamlNode node;
                switch (Current)
                {
                    case '[':
                        node = ParseFlowSequence();
                        break;
                    case '{':
                        node = ParseFlowMapping();
                        break;
                    case '*':
                        node = ReadAlias();
                        break;
                    case '"':
                    case '\'':
                        var quoted = ReadQuoted();
                        node = new YamlScalar(start, _pos, quoted, tag);
                        break;
                    case '\0':
                        throw Error("the file ends inside a '[' or '{'; close it");
                    case ',':
                    case ']':
                    case '}':
                        throw Error($"a value was expected before '{Current}'");
                    default:
                        var plain = ReadPlainLine(flow: true);
                        node = new YamlScalar(start, _pos, plain, tag);
                        break;
                }

                return Anchored(anchor, node);
            }
            finally
            {
                _flow--;
                if (nested)
                {
                    _depth--;
                }
            }
        }

        private YamlSequence ParseFlowSequence()
        {
            var start = _pos;
            _pos++;
            var items = new List<YamlNode>();
            while (true)
            {
                SkipToContent();
                if (Current == ']')
                {
                    _pos++;
                    return new YamlSequence(start, _pos, items);
                }

                var itemStart = _pos;
                var item = ParseFlowNode();
                SkipToContent();
                if (Current == ':')
                {
                    // [key: value] is a list holding a one-entry mapping.
                    _pos++;
                    SkipToContent();
                    var value = Current is ',' or ']' ? new YamlScalar(_pos, _pos, null, null) : ParseFlowNode();
                    var entries = new List<YamlEntry>();
                    AddEntry(entries, new List<YamlMapping>(), new YamlEntry(KeyText(item), itemStart, item.End, value));
                    item = new YamlMapping(itemStart, value.End, entries);
                    SkipToContent();
                }

                items.Add(item);
                if (Current == ',')
                {
                    _pos++;
                }
                else if (Current != ']')
                {
                    throw Error(AtEnd ? "the file ends inside a '['; close it" : "expected ',' or ']' in the list");
                }
            }
        }

        private YamlMapping ParseFlowMapping()
        {
            var start = _pos;
            _pos++;
            var entries = new List<YamlEntry>();
            var merges = new List<YamlMapping>();
            while (true)
            {
                SkipToContent();
                if (Current == '}')
                {
                    _pos++;
                    ApplyMerges(entries, merges);
                    return new YamlMapping(start, _pos, entries);
                }

                var keyStart = _pos;
                var keyNode = ParseFlowNode();
                var key = KeyText(keyNode);
                SkipToContent();
                YamlNode value;
                if (Current == ':')
                {
                    _pos++;
                    SkipToContent();
                    value = Current is ',' or '}' ? new YamlScalar(_pos, _pos, null, null) : ParseFlowNode();
                    SkipToContent();
                }
                else
                {
                    value = new YamlScalar(keyNode.End, keyNode.End, null, null);
                }

                AddEntry(entries, merges, new YamlEntry(key, keyStart, keyNode.End, value));
                if (Current == ',')
                {
                    _pos++;
                }
                else if (Current != '}')
                {
                    throw Error(AtEnd ? "the file ends inside a '{'; close it" : "expected ',' or '}' in the mapping");
                }
            }
        }

        private string KeyText(YamlNode node) =>
            node is YamlScalar scalar
                ? scalar.Value ?? "null"
                : throw Error("a key must be a plain string, not a list or mapping", node.Start);
    }
}
