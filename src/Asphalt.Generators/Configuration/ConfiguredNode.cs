using System.Collections.Generic;

namespace Asphalt.Generators.Configuration
{
    /// <summary>A component of the tree a configuration file configures (merged over the tree declared in code).</summary>
    internal sealed class ConfiguredNode
    {
        public ConfiguredNode(string path, string alias, string typeAlias, ComponentSchema? schema, string resourceName, YamlMapping? section, string keyPath, int start, int end)
        {
            Path = path;
            Alias = alias;
            TypeAlias = typeAlias;
            Schema = schema;
            ResourceName = resourceName;
            Section = section;
            KeyPath = keyPath;
            Start = start;
            End = end;
        }

        public string Path { get; }

        public string Alias { get; }

        public string TypeAlias { get; }

        public ComponentSchema? Schema { get; }

        public string ResourceName { get; }

        /// <summary>Its options as the file writes them; null when the file does not (or leaves them empty).</summary>
        public YamlMapping? Section { get; }

        /// <summary>The dotted path of its section as written (<c>component.components.web</c>).</summary>
        public string KeyPath { get; }

        /// <summary>Where problems of this component are reported: its key, or its nearest ancestor the file writes.</summary>
        public int Start { get; }

        public int End { get; }

        public List<ConfiguredNode> Children { get; } = new();

        public IEnumerable<ConfiguredNode> DescendantsAndSelf()
        {
            yield return this;
            foreach (var child in Children)
            {
                foreach (var descendant in child.DescendantsAndSelf())
                {
                    yield return descendant;
                }
            }
        }
    }
}
