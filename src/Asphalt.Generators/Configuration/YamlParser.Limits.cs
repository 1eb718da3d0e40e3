using System;
using System.Collections.Generic;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// Bounds on hostile input, so a configuration file can never overflow the compiler's stack or make
    /// it walk billions of values: the numbers and wording the runtime's
    /// <c>Asphalt.Configuration.ConfigurationLimits</c> shares with it (<c>ConfigurationText</c>), documented
    /// in docs/configuration.md ("Limits").
    /// </summary>
    internal sealed partial class YamlParser
    {
        /// <summary>The deepest a value may be nested, counted in keys on its path (a list item is a level).</summary>
        internal const int MaxDepth = Asphalt.Trees.ConfigurationText.MaxDepth;

        /// <summary>The most values that aliases may copy in one file (an alias counts everything its anchor holds).</summary>
        internal const int MaxAliasExpansion = Asphalt.Trees.ConfigurationText.MaxAliasExpansion;

        private const string TooDeep = Asphalt.Trees.ConfigurationText.TooDeep;

        private const string TooManyAliasCopies = Asphalt.Trees.ConfigurationText.TooManyAliasCopies;

        // The size and height of each anchored node, measured once when it is anchored.
        private readonly Dictionary<string, (YamlNode Node, int Size, int Height)> _anchors = new(StringComparer.Ordinal);
        private int _aliasCopies;

        /// <summary>
        /// Enters one level. The document's root is level 1, so a node at level n has n - 1 keys on its
        /// path. Checked before going deeper: the parser recurses, and a hostile file must not overflow the stack.
        /// </summary>
        private void Enter()
        {
            if (++_depth > MaxDepth + 1)
            {
                throw Error(TooDeep);
            }
        }

        private YamlNode Anchored(string? anchor, YamlNode node)
        {
            if (anchor is not null)
            {
                var (size, height) = Measure(node);
                _anchors[anchor] = (node, size, height);
            }

            return node;
        }

        /// <summary>
        /// An alias (<c>*name</c>) at the current level. The node is shared, not copied, but whoever reads
        /// the tree walks it once per alias: counted as the runtime counts its copies.
        /// </summary>
        private YamlNode ReadAlias()
        {
            var start = _pos;
            var name = ReadToken().Substring(1);
            if (!_anchors.TryGetValue(name, out var anchored))
            {
                throw Error($"the alias '*{name}' refers to no anchor defined before it", start);
            }

            if (_depth - 1 + anchored.Height > MaxDepth)
            {
                throw Error(TooDeep, start);
            }

            _aliasCopies += anchored.Size;
            if (_aliasCopies > MaxAliasExpansion)
            {
                throw Error(TooManyAliasCopies, start);
            }

            return anchored.Node;
        }

        /// <summary>The number of values in <paramref name="node"/>'s tree, aliases counted each time, and how many levels it adds.</summary>
        private static (int Size, int Height) Measure(YamlNode node)
        {
            var size = 1;
            var height = 0;
            IEnumerable<YamlNode> children = node switch
            {
                YamlMapping mapping => mapping.Entries.ConvertAll(e => e.Value),
                YamlSequence sequence => sequence.Items,
                _ => Array.Empty<YamlNode>(),
            };
            foreach (var child in children)
            {
                var (childSize, childHeight) = Measure(child);
                size += childSize;
                height = Math.Max(height, childHeight + 1);
            }

            return (size, height);
        }
    }
}
