#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>A resource of the graph: its provider and consumers by path.</summary>
    internal sealed class GraphResource
    {
        public GraphResource(string type, string name, string provider, IReadOnlyList<string> consumers, IReadOnlyList<string> listeners, bool isSignal)
        {
            Type = type;
            Name = name;
            Provider = provider;
            Consumers = consumers;
            Listeners = listeners;
            IsSignal = isSignal;
        }

        public string Type { get; }

        public string Name { get; }

        public string Provider { get; }

        /// <summary>The components taking it (a step's parameter).</summary>
        public IReadOnlyList<string> Consumers { get; }

        /// <summary>The components connecting a listener to it (<c>[SignalListener]</c>).</summary>
        public IReadOnlyList<string> Listeners { get; }

        /// <summary>Takers and listeners, sorted: the plan's consumers.</summary>
        public IReadOnlyList<string> ConsumersAndListeners => Consumers.Concat(Listeners).Distinct().OrderBy(p => p, StringComparer.Ordinal).ToList();

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
            var listeners = new Dictionary<(string Type, string Name), List<string>>();
            var waits = new List<(TreeNode Consumer, TreeStep Step, TreeNode Provider, TreeStep ProviderStep)>();
            foreach (var component in components)
            {
                foreach (var declaration in component.Type?.Consumes ?? Array.Empty<TreeResource>())
                {
                    var name = declaration.NameOption is { } option && component.Section.Value(option) is { Length: > 0 } configured ? configured : declaration.Name;
                    var key = (declaration.Type, name);

                    // A taken signal is a listener's connection (a step's parameter is never marked a signal).
                    var takers = declaration.IsSignal ? listeners : consumers;
                    if (!takers.TryGetValue(key, out var list))
                    {
                        takers[key] = list = new List<string>();
                    }

                    if (!list.Contains(component.Path))
                    {
                        list.Add(component.Path);
                    }

                    if (published.TryGetValue(key, out var provider))
                    {
                        // Optional resources are taken without waiting; RunAsync waits after start-up.
                        if (!declaration.IsOptional && declaration.Step != TreeStep.Run)
                        {
                            waits.Add((component, declaration.Step, provider.Provider, provider.Declaration.Step));
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

            // A configured bridge takes the transport in the component's start step, as a start parameter would,
            // so the transport starts first and stops last (teardown runs in reverse).
            var transport = (TreeRules.SignalTransportType, TreeRules.SignalTransportName);
            foreach (var component in components.Where(c => c.Bridges.Count > 0))
            {
                if (!consumers.TryGetValue(transport, out var list))
                {
                    consumers[transport] = list = new List<string>();
                }

                if (!list.Contains(component.Path))
                {
                    list.Add(component.Path);
                }

                if (published.TryGetValue(transport, out var provider))
                {
                    waits.Add((component, TreeStep.Start, provider.Provider, provider.Declaration.Step));
                    continue;
                }

                var names = published.Keys.Where(k => k.Type == transport.Item1).Select(k => k.Name).ToList();
                foreach (var bridge in component.Bridges)
                {
                    problems.Add(new TreeProblem(TreeProblemKind.Missing, bridge.At,
                        TreeMessages.BridgeWithoutTransport(component.Path, component.TypeName, bridge.Signal, bridge.Channel, names),
                        node: component, subject: transport.Item1 + "|" + transport.Item2 + "|" + bridge.Signal));
                }
            }

            var stages = new StartOrder(components, waits).Stages(out var cyclic);
            if (cyclic.Count > 0)
            {
                problems.Add(new TreeProblem(TreeProblemKind.Cycle, cyclic[0].Section, TreeMessages.Cycle(cyclic.Select(c => c.Path)), node: cyclic[0]));
            }

            var resources = published
                .OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal)
                .Select(p => new GraphResource(p.Key.Type, p.Key.Name, p.Value.Provider.Path,
                    Sorted(consumers, p.Key), Sorted(listeners, p.Key), p.Value.Declaration.IsSignal))
                .ToList();
            return new TreeGraph(components, resources, stages);
        }

        private static List<string> Sorted(Dictionary<(string Type, string Name), List<string>> paths, (string, string) key) =>
            paths.TryGetValue(key, out var list) ? list.OrderBy(p => p, StringComparer.Ordinal).ToList() : new List<string>();
    }
}
