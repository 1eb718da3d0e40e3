#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>A resource of the graph: its provider and consumers by path.</summary>
    internal sealed class GraphResource
    {
        public GraphResource(string type, string name, string provider, IReadOnlyList<string> consumers, bool isSignal)
        {
            Type = type;
            Name = name;
            Provider = provider;
            Consumers = consumers;
            IsSignal = isSignal;
        }

        public string Type { get; }

        public string Name { get; }

        public string Provider { get; }

        public IReadOnlyList<string> Consumers { get; }

        public bool IsSignal { get; }
    }

    /// <summary>
    /// The resource graph of a configured tree: who publishes and who takes each resource, resources
    /// published twice or by nobody, cycles, and the start stages.
    /// </summary>
    internal sealed class TreeGraph
    {
        private TreeGraph(List<TreeNode> components, List<GraphResource> resources, List<IReadOnlyList<string>> stages)
        {
            Components = components;
            Resources = resources;
            Stages = stages;
        }

        /// <summary>Every component, root first, depth first.</summary>
        public List<TreeNode> Components { get; }

        /// <summary>Every published resource, by type then name.</summary>
        public List<GraphResource> Resources { get; }

        /// <summary>Components by start stage: each depends only on resources of earlier stages.</summary>
        public List<IReadOnlyList<string>> Stages { get; }

        public static TreeGraph Analyze(TreeNode root, List<TreeProblem> problems)
        {
            var components = root.DescendantsAndSelf().ToList();
            var published = new Dictionary<(string Type, string Name), (TreeResource Declaration, TreeNode Provider)>();
            foreach (var component in components)
            {
                foreach (var declaration in component.Type?.Provides ?? Array.Empty<TreeResource>())
                {
                    var key = (declaration.Type, TreeRules.PublishedName(declaration.Name, component.Alias.ResourceName));
                    if (published.TryGetValue(key, out var first))
                    {
                        problems.Add(new TreeProblem(TreeProblemKind.Conflict, component.Section,
                            TreeMessages.ResourceConflict(key.Item1, key.Item2, declaration.Name, first.Provider.Path, component.Path, component.Alias.Written),
                            node: component, subject: key.Item1 + "|" + key.Item2));
                    }
                    else
                    {
                        published[key] = (declaration, component);
                    }
                }
            }

            var consumers = new Dictionary<(string Type, string Name), List<string>>();
            var dependsOn = components.ToDictionary(c => c, _ => new HashSet<TreeNode>());
            foreach (var component in components)
            {
                foreach (var declaration in component.Type?.Consumes ?? Array.Empty<TreeResource>())
                {
                    var name = declaration.NameOption is { } option && component.Section.Value(option) is { Length: > 0 } configured ? configured : declaration.Name;
                    var key = (declaration.Type, name);
                    if (!consumers.TryGetValue(key, out var list))
                    {
                        consumers[key] = list = new List<string>();
                    }

                    if (!list.Contains(component.Path))
                    {
                        list.Add(component.Path);
                    }

                    if (published.TryGetValue(key, out var provider))
                    {
                        if (provider.Provider != component)
                        {
                            dependsOn[component].Add(provider.Provider);
                        }
                    }
                    else if (!declaration.IsOptional && component.Type is { } type)
                    {
                        var names = published.Keys.Where(k => k.Type == declaration.Type).Select(k => k.Name).ToList();
                        problems.Add(new TreeProblem(TreeProblemKind.Missing, component.Section,
                            TreeMessages.ResourceMissing(component.Path, type.TypeName, declaration.Type, name, names),
                            node: component, subject: declaration.Type + "|" + name));
                    }
                }
            }

            var stages = StartStages(components, dependsOn, out var cyclic);
            if (cyclic.Count > 0)
            {
                problems.Add(new TreeProblem(TreeProblemKind.Cycle, cyclic[0].Section, TreeMessages.Cycle(cyclic.Select(c => c.Path)), node: cyclic[0]));
            }

            var resources = published
                .OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => new GraphResource(p.Key.Type, p.Key.Name, p.Value.Provider.Path,
                    consumers.TryGetValue(p.Key, out var c) ? c.OrderBy(x => x, StringComparer.Ordinal).ToList() : new List<string>(), p.Value.Declaration.IsSignal))
                .ToList();
            return new TreeGraph(components, resources, stages);
        }

        /// <summary>Level sets: a stage holds every component whose providers are all in earlier stages.</summary>
        private static List<IReadOnlyList<string>> StartStages(List<TreeNode> components, Dictionary<TreeNode, HashSet<TreeNode>> dependsOn, out List<TreeNode> cyclic)
        {
            var stages = new List<IReadOnlyList<string>>();
            var done = new HashSet<TreeNode>();
            while (done.Count < components.Count)
            {
                var ready = components.Where(c => !done.Contains(c) && dependsOn[c].All(done.Contains)).ToList();
                if (ready.Count == 0)
                {
                    cyclic = components.Where(c => !done.Contains(c)).ToList();
                    return stages;
                }

                stages.Add(ready.Select(c => c.Path).ToList());
                done.UnionWith(ready);
            }

            cyclic = new List<TreeNode>();
            return stages;
        }
    }
}
