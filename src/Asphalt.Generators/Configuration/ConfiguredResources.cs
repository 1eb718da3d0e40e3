using System.Collections.Generic;
using System.Linq;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// Who publishes what in a configured tree, as the runtime's <c>ResourceGraph</c> sees it: a published
    /// <c>"default"</c> takes the instance's resource name (<c>alias/name</c>); the second provider of a
    /// resource is a conflict; a required resource nobody publishes is missing.
    /// </summary>
    internal sealed class ConfiguredResources
    {
        private const string DefaultName = "default";

        public Dictionary<(string Type, string Name), ConfiguredNode> Published { get; } = new();

        public List<(ConfiguredNode Second, ConfiguredNode First, string Type, string Name)> Conflicts { get; } = new();

        public List<(ConfiguredNode Node, RegistryResource Resource, string Name)> Missing { get; } = new();

        public static ConfiguredResources Analyze(ConfiguredNode root)
        {
            var graph = new ConfiguredResources();
            var nodes = root.DescendantsAndSelf().ToList();
            foreach (var node in nodes)
            {
                foreach (var resource in node.Schema?.Entry.Provides ?? default)
                {
                    var name = resource.Name == DefaultName ? node.ResourceName : resource.Name;
                    if (graph.Published.TryGetValue((resource.Type, name), out var first))
                    {
                        graph.Conflicts.Add((node, first, resource.Type, name));
                    }
                    else
                    {
                        graph.Published[(resource.Type, name)] = node;
                    }
                }
            }

            foreach (var node in nodes)
            {
                foreach (var resource in node.Schema?.Entry.Consumes ?? default)
                {
                    if (!resource.IsOptional && !graph.Published.ContainsKey((resource.Type, resource.Name)))
                    {
                        graph.Missing.Add((node, resource, resource.Name));
                    }
                }
            }

            return graph;
        }
    }
}
