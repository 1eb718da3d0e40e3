using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Asphalt.Trees;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Wiring
{
    /// <summary>A whole-tree problem found by <see cref="WiringPlanner"/>; reported by the analyzer only.</summary>
    internal sealed class WiringProblem
    {
        public WiringProblem(DiagnosticDescriptor descriptor, LocationInfo? location, IEnumerable<LocationInfo?> additional, params object[] arguments)
        {
            Descriptor = descriptor;
            Location = location;
            Additional = additional.Where(l => l is not null).Select(l => l!).ToList();
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public LocationInfo? Location { get; }

        public IReadOnlyList<LocationInfo> Additional { get; }

        public object[] Arguments { get; }

        /// <summary>The diagnostic, with locations mapped back into the compilation's syntax trees.</summary>
        public Diagnostic ToDiagnostic(Compilation compilation) =>
            Diagnostic.Create(Descriptor, Resolve(Location, compilation), Additional.Select(l => Resolve(l, compilation)!), Arguments);

        private static Location? Resolve(LocationInfo? location, Compilation compilation)
        {
            if (location is null)
            {
                return null;
            }

            var tree = compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == location.FilePath);
            return tree is null ? location.ToLocation() : Microsoft.CodeAnalysis.Location.Create(tree, location.Span);
        }
    }

    /// <summary>
    /// Component models → trees → plans (start stages, graph text) and problems (missing, conflicting,
    /// unused resources, cycles, recursive trees, duplicate aliases). Pure: no symbols, so the
    /// generator and the analyzer share it and always agree.
    /// </summary>
    internal static class WiringPlanner
    {
        public const string RootAlias = TreeRules.RootAlias;

        /// <summary>The code's tree has no configuration.</summary>
        private static readonly TreeSection NoConfiguration = new Configuration.YamlTreeSection(null, TreeRules.ComponentKey, 0, 0);

        public static WiringModel Plan(IEnumerable<ComponentModel> components, List<WiringProblem>? problems, CancellationToken cancellationToken)
        {
            var all = components.OrderBy(c => c.Type.FullName, StringComparer.Ordinal).ToList();
            var valid = all.Where(c => !c.HasErrors).ToList();
            var byType = new Dictionary<string, ComponentModel>(StringComparer.Ordinal);
            foreach (var model in all)
            {
                byType[model.Type.FullName] = model;
            }

            var registry = new List<RegistryEntry>();
            foreach (var group in valid.GroupBy(c => c.Alias, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = group.First();
                registry.Add(Entry(first, byType));
                foreach (var other in group.Skip(1))
                {
                    // A referenced component has no location here: the clash is shown at the local one.
                    var (at, also) = other.Location is null ? (first.Location, other.Location) : (other.Location, first.Location);
                    problems?.Add(new WiringProblem(DiagnosticDescriptors.DuplicateAlias, at, new[] { also }, group.Key, first.Type.DisplayName, other.Type.DisplayName));
                }
            }

            // A hand-written child (a Component subclass without [Component]) is registered under its type
            // name, so a tree built from the registry (the command line's) keeps it as generated Create does.
            var handWritten = valid.SelectMany(c => c.Children)
                .Where(c => c.Construction == ChildConstruction.New)
                .Select(c => c.Type)
                .GroupBy(t => t.FullName, StringComparer.Ordinal)
                .Select(g => g.First())
                .Where(t => HandWrittenAlias(t).All(c => char.IsLetterOrDigit(c) || c is '_' or '.') && registry.All(e => e.Alias != HandWrittenAlias(t)));
            registry.AddRange(handWritten.Select(t => new RegistryEntry(
                HandWrittenAlias(t), t, EquatableArray<RegistryChild>.Empty, EquatableArray<RegistryResource>.Empty, EquatableArray<RegistryResource>.Empty, IsHandWritten: true)).ToList());
            registry.Sort((a, b) => string.CompareOrdinal(a.Alias, b.Alias));

            CheckRecursion(valid, byType, problems);
            var referencedAsChild = new HashSet<string>(all.SelectMany(c => c.Children).Select(c => c.Type.FullName), StringComparer.Ordinal);
            var trees = new List<TreePlan>();
            foreach (var root in valid)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (root.IsReferenced || referencedAsChild.Contains(root.Type.FullName) || (root.Children.Count == 0 && root.Base != ComponentBase.CliApplication))
                {
                    continue;
                }

                trees.Add(new TreeAnalysis(root, byType, problems).Run());
            }

            return new WiringModel(registry.ToEquatableArray(), trees.ToEquatableArray());
        }

        /// <summary>The registry alias of a hand-written component type: its full name (no alias of its own).</summary>
        private static string HandWrittenAlias(TypeRef type) => TypeName(type);

        private static string TypeName(TypeRef type) => GraphNames.Type(type.FullName);

        private static RegistryEntry Entry(ComponentModel model, Dictionary<string, ComponentModel> byType)
        {
            var children = model.Children
                .Where(c => c.Construction == ChildConstruction.New
                    || (byType.TryGetValue(c.Type.FullName, out var child) && !child.HasErrors))
                .Select(c => new RegistryChild(c.Alias, c.Construction == ChildConstruction.New ? HandWrittenAlias(c.Type) : byType[c.Type.FullName].Alias))
                .ToEquatableArray();
            var provides = model.AllPublished()
                .Select(p => model.BridgeableSignals.FirstOrDefault(b => p.IsSignal && b.SignalName == p.Name) is { } signal
                    ? new RegistryResource(TypeName(p.PublishedType), p.Name, true, false, null, p.Phase, TypeName(signal.EventType), signal.JsonContext is not null)
                    : new RegistryResource(TypeName(p.PublishedType), p.Name, p.IsSignal, false, null, p.Phase))
                .ToEquatableArray();
            var consumes = new[] { model.Prepare, model.Start, model.Run }
                .Where(s => s is not null)
                .SelectMany(s => s!.Parameters.Where(p => p.Kind == ParameterKind.Resource).Select(p => (Step: s.Phase, Parameter: p)))
                .Select(t => new RegistryResource(TypeName(t.Parameter.Type!), t.Parameter.ResourceName, false, t.Parameter.Optional, t.Parameter.NameOptionKey, t.Step))
                .Concat(model.Listeners.Select(l => new RegistryResource(TypeName(l.SignalType), l.SignalName, true, false)))
                .Concat(model.Bridges.Select(_ => new RegistryResource(TypeName(BridgedSignal.TransportType), BridgedSignal.TransportName, false, false)))
                .ToEquatableArray();
            return new RegistryEntry(model.Alias, model.Type, children, provides, consumes);
        }

        /// <summary>A child declaration whose type contains, through its children, the declaring type: an infinite tree.</summary>
        private static void CheckRecursion(List<ComponentModel> valid, Dictionary<string, ComponentModel> byType, List<WiringProblem>? problems)
        {
            if (problems is null)
            {
                return;
            }

            foreach (var model in valid.Where(m => !m.IsReferenced)) // A package's own build checked its trees.
            {
                foreach (var child in model.Children)
                {
                    if (Reaches(child.Type.FullName, model.Type.FullName, new HashSet<string>(StringComparer.Ordinal)))
                    {
                        problems.Add(new WiringProblem(DiagnosticDescriptors.InvalidChildComponent, child.Location, Array.Empty<LocationInfo?>(), model.Type.DisplayName,
                            $"child '{child.Alias}' of type '{child.Type.DisplayName}' contains '{model.Type.DisplayName}' again through its own children, so the component tree would be infinite"));
                    }
                }
            }

            bool Reaches(string from, string target, HashSet<string> seen)
            {
                if (from == target)
                {
                    return true;
                }

                return seen.Add(from) && byType.TryGetValue(from, out var current) && current.Children.Any(c => Reaches(c.Type.FullName, target, seen));
            }
        }

        private sealed class Node
        {
            public Node(string path, TypeRef type, ComponentModel? model, LocationInfo? declaredAt)
            {
                Path = path;
                Type = type;
                Model = model;
                DeclaredAt = declaredAt;
            }

            /// <summary>
            /// Where this assembly's source brings the component into the tree: its class, or the
            /// <c>[ChildComponent]</c> declaration that adds it. Problems of a component read from a
            /// referenced assembly, which has no source here, are reported there.
            /// </summary>
            public LocationInfo? DeclaredAt { get; }

            public string Path { get; }

            public TypeRef Type { get; }

            /// <summary>Null for a hand-written or broken component: the build cannot see what it does.</summary>
            public ComponentModel? Model { get; }

            public List<Node> Children { get; } = new();

            public int Index { get; set; }
        }

        private readonly record struct Key(string Type, string Name);

        private sealed class Provision
        {
            public Provision(Node node, PublishedResource resource)
            {
                Node = node;
                Resource = resource;
            }

            public Node Node { get; }

            /// <summary>The declaration, or for a referenced component where the tree declares it.</summary>
            public LocationInfo? Location => Resource.Location ?? Node.DeclaredAt;

            public PublishedResource Resource { get; }
        }

        private sealed class Consumption
        {
            public Consumption(Node node, Key key, string typeDisplay, string what, Phase phase, bool optional, LocationInfo? location, bool isListener)
            {
                Node = node;
                Key = key;
                TypeDisplay = typeDisplay;
                What = what;
                Phase = phase;
                Optional = optional;
                Location = location;
                IsListener = isListener;
            }

            public Node Node { get; }

            public Key Key { get; }

            public string TypeDisplay { get; }

            public string What { get; }

            public Phase Phase { get; }

            public bool Optional { get; }

            public LocationInfo? Location { get; }

            public bool IsListener { get; }
        }

        private sealed class Edge
        {
            public Edge(int from, int to, string description, LocationInfo? location, bool isResource)
            {
                From = from;
                To = to;
                Description = description;
                Location = location;
                IsResource = isResource;
            }

            public int From { get; }

            public int To { get; }

            public string Description { get; }

            public LocationInfo? Location { get; }

            public bool IsResource { get; }
        }

        private sealed class TreeAnalysis
        {
            private readonly ComponentModel _root;
            private readonly Dictionary<string, ComponentModel> _byType;
            private readonly List<WiringProblem>? _problems;
            private readonly List<Node> _nodes = new();
            private readonly Dictionary<Key, List<Provision>> _providers = new();
            private readonly List<Consumption> _consumptions = new();
            private bool _opaque;

            public TreeAnalysis(ComponentModel root, Dictionary<string, ComponentModel> byType, List<WiringProblem>? problems)
            {
                _root = root;
                _byType = byType;
                _problems = problems;
            }

            private string RootName => _root.Type.DisplayName;

            public TreePlan Run()
            {
                var rootNode = Expand(RootAlias, _root.Type, _root, _root.Location, new List<string>());
                foreach (var node in _nodes)
                {
                    Collect(node);
                }

                CheckConflicts();
                CheckMissing();
                CheckUnused();
                CheckCycles();
                CheckOptionalRaces();

                // Components, resources, start stages and the graph text come from the builder the runtime's
                // `graph` uses, on the tree as code declares it, named by the same rule: `graph` and
                // `graph --declared` print the same for the same tree.
                var graph = TreeGraph.Analyze(DeclaredTree(rootNode), new List<TreeProblem>());
                var components = graph.Components.Select(c => new PlanComponent(c.Path, c.TypeName)).ToEquatableArray();
                var resources = graph.Resources
                    .Select(r => new PlanResource(r.Type, r.Name, r.Provider, r.Consumers.ToEquatableArray(), r.Listeners.ToEquatableArray(), r.IsSignal))
                    .ToEquatableArray();
                var stages = graph.Stages.Select(stage => stage.ToEquatableArray()).ToEquatableArray();
                var drawn = graph.Components.Select(c => new GraphText.Component(c.Path, c.TypeName)).ToList();
                return new TreePlan(
                    _root.Namespace, _root.ContainingTypes, _root.Name, _root.Type, components, resources, stages,
                    GraphText.Mermaid(drawn, graph.Resources, graph.Stages), GraphText.Dot(drawn, graph.Resources, graph.Stages));
            }

            /// <summary>The tree as the shared builder sees it: the registry's view of each component.</summary>
            private TreeNode DeclaredTree(Node node)
            {
                var typeName = TypeName(node.Type);
                var entry = node.Model is null ? null : Entry(node.Model, _byType);
                var type = entry is null
                    ? null
                    : new TreeType(entry.Alias, typeName, Array.Empty<KeyValuePair<string, string>>(), entry.Provides.Select(r => r.ToTree()).ToList(), entry.Consumes.Select(r => r.ToTree()).ToList(), entry);
                var alias = node.Path.Substring(node.Path.LastIndexOf('/') + 1);
                var tree = new TreeNode(node.Path, ChildAlias.Parse(alias), typeName, type, NoConfiguration);
                foreach (var child in node.Children)
                {
                    tree.Children.Add(DeclaredTree(child));
                }

                return tree;
            }

            private Node Expand(string path, TypeRef type, ComponentModel? model, LocationInfo? declaredAt, List<string> ancestors)
            {
                var node = new Node(path, type, model is { HasErrors: false } ? model : null, declaredAt);
                node.Index = _nodes.Count;
                _nodes.Add(node);
                if (node.Model is null)
                {
                    _opaque = true;
                    return node;
                }

                ancestors.Add(type.FullName);
                foreach (var child in node.Model.Children)
                {
                    if (ancestors.Contains(child.Type.FullName))
                    {
                        continue; // Reported once per declaration by CheckRecursion.
                    }

                    _byType.TryGetValue(child.Type.FullName, out var childModel);
                    var childNode = Expand(path + "/" + child.Alias, child.Type, child.Construction == ChildConstruction.Factory ? childModel : null,
                        child.Location ?? node.DeclaredAt, ancestors);
                    node.Children.Add(childNode);
                }

                ancestors.RemoveAt(ancestors.Count - 1);
                return node;
            }

            private void Collect(Node node)
            {
                if (node.Model is not { } model)
                {
                    return;
                }

                foreach (var resource in model.AllPublished())
                {
                    var key = new Key(resource.PublishedType.FullName, resource.Name);
                    if (!_providers.TryGetValue(key, out var list))
                    {
                        _providers[key] = list = new List<Provision>();
                    }

                    list.Add(new Provision(node, resource));
                }

                foreach (var step in new[] { model.Prepare, model.Start, model.Run })
                {
                    if (step is null)
                    {
                        continue;
                    }

                    foreach (var parameter in step.Parameters.Where(p => p.Kind == ParameterKind.Resource))
                    {
                        _consumptions.Add(new Consumption(node, new Key(parameter.Type!.FullName, parameter.ResourceName), parameter.Type.DisplayName,
                            $"parameter '{parameter.Name}' of {step.Name}", step.Phase, parameter.Optional, parameter.Location ?? node.DeclaredAt, false));
                    }
                }

                // Endpoint handlers take resources per request, after start-up: checked, never waited for.
                // A package component's have no location here: reported where the tree declares it.
                foreach (var parameter in model.HandlerParameters)
                {
                    _consumptions.Add(new Consumption(node, new Key(parameter.Type!.FullName, parameter.ResourceName), parameter.Type.DisplayName,
                        $"parameter '{parameter.Name}' of an endpoint handler", Phase.Run, parameter.Optional, parameter.Location ?? node.DeclaredAt, false));
                }

                foreach (var listener in model.Listeners)
                {
                    _consumptions.Add(new Consumption(node, new Key(listener.SignalType.FullName, listener.SignalName), listener.SignalType.DisplayName,
                        $"listener {listener.Method}", Phase.Start, false, listener.Location ?? node.DeclaredAt, true));
                }

                // A bridge takes the transport after the children started, as a start step's parameter would.
                foreach (var bridge in model.Bridges)
                {
                    _consumptions.Add(new Consumption(node, new Key(BridgedSignal.TransportType.FullName, BridgedSignal.TransportName), BridgedSignal.TransportType.DisplayName,
                        bridge.Description, Phase.Start, false, bridge.Location ?? node.DeclaredAt, false));
                }
            }

            private void CheckConflicts()
            {
                foreach (var pair in _providers.OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal))
                {
                    var first = pair.Value[0];
                    foreach (var other in pair.Value.Skip(1))
                    {
                        _problems?.Add(new WiringProblem(DiagnosticDescriptors.ConflictingProviders, other.Location, new[] { first.Location },
                            first.Resource.PublishedType.DisplayName, pair.Key.Name, RootName,
                            first.Node.Path, first.Resource.Description, other.Node.Path, other.Resource.Description));
                    }
                }
            }

            private void CheckMissing()
            {
                if (_opaque)
                {
                    return; // A hand-written component may publish anything; the runtime reports what is really missing.
                }

                foreach (var consumption in _consumptions)
                {
                    if (consumption.Optional || _providers.ContainsKey(consumption.Key))
                    {
                        continue;
                    }

                    _problems?.Add(new WiringProblem(DiagnosticDescriptors.MissingResource, consumption.Location, Array.Empty<LocationInfo?>(),
                        consumption.Node.Path, consumption.Node.Type.DisplayName, consumption.TypeDisplay, consumption.Key.Name, consumption.What,
                        RootName, DidYouMean(consumption), Chain(consumption)));
                }
            }

            private string DidYouMean(Consumption consumption)
            {
                var sameType = _providers.Where(p => p.Key.Type == consumption.Key.Type).OrderBy(p => p.Key.Name, StringComparer.Ordinal).ToList();
                if (sameType.Count > 0)
                {
                    var names = string.Join(", ", sameType.Select(p => $"'{p.Key.Name}' (from '{p.Value[0].Node.Path}')"));
                    return $"; did you mean {names}? Name the resource with [Resource(\"{sameType[0].Key.Name}\")] on the parameter";
                }

                var wanted = consumption.TypeDisplay;
                var bare = wanted.Length > 1 && wanted[0] == 'I' && char.IsUpper(wanted[1]) ? wanted.Substring(1) : wanted;
                var similar = _providers.FirstOrDefault(p => p.Key.Name == consumption.Key.Name
                    && p.Value[0].Resource.PublishedType.DisplayName.EndsWith(bare, StringComparison.Ordinal));
                if (similar.Value is { } provisions)
                {
                    var provided = provisions[0].Resource.PublishedType.DisplayName;
                    return $"; did you mean {provided} '{similar.Key.Name}' (from '{provisions[0].Node.Path}')? Publish it with [Resource(PublishAs = typeof({wanted}))]";
                }

                return "; add a component that publishes it, or publish it with [Resource] on a property or return value";
            }

            /// <summary>Who needs the consumer: components taking what it publishes, transitively (a few hops).</summary>
            private string Chain(Consumption consumption)
            {
                var chain = new List<string> { consumption.Node.Path };
                var current = consumption.Node;
                for (var hop = 0; hop < 5 && current.Model is not null; hop++)
                {
                    var published = current.Model.AllPublished().Select(p => new Key(p.PublishedType.FullName, p.Name)).ToList();
                    var next = _consumptions.FirstOrDefault(c => published.Contains(c.Key) && !chain.Contains(c.Node.Path));
                    if (next is null)
                    {
                        break;
                    }

                    chain.Add(next.Node.Path);
                    current = next.Node;
                }

                return chain.Count == 1 ? string.Empty : " (chain of consumers: " + string.Join(" → ", chain) + ")";
            }

            private void CheckUnused()
            {
                if (_opaque)
                {
                    return;
                }

                foreach (var pair in _providers.OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Name, StringComparer.Ordinal))
                {
                    var provision = pair.Value[0];
                    // A package's component publishes for whoever may want it (the web server, a connection's
                    // database): the application cannot change that, so only its own components are told.
                    if (provision.Resource.IsSignal || provision.Node.Model?.IsReferenced == true || _consumptions.Any(c => c.Key.Equals(pair.Key)))
                    {
                        continue;
                    }

                    _problems?.Add(new WiringProblem(DiagnosticDescriptors.UnusedResource, provision.Location, Array.Empty<LocationInfo?>(),
                        provision.Resource.PublishedType.DisplayName, pair.Key.Name, provision.Node.Path, provision.Resource.Description, RootName));
                }
            }

            private static int Id(Node node, Phase phase) => (node.Index * 2) + (phase == Phase.Prepare ? 0 : 1);

            private static string Describe(int id, List<Node> nodes) =>
                $"'{nodes[id / 2].Path}' {(id % 2 == 0 ? "PrepareAsync" : "StartAsync")}";

            private List<Edge>? _edges;

            /// <summary>
            /// The start-up graph over (component, phase) nodes: a node points at what it waits for.
            /// Besides resource waits, the runtime's own order: start after prepare, a parent's start
            /// after its children's, a child's prepare after its parent's.
            /// </summary>
            private List<Edge> Edges()
            {
                if (_edges is not null)
                {
                    return _edges;
                }

                var edges = new List<Edge>();
                foreach (var node in _nodes)
                {
                    edges.Add(new Edge(Id(node, Phase.Start), Id(node, Phase.Prepare), $"'{node.Path}' starts after its own prepare step", null, false));
                    foreach (var child in node.Children)
                    {
                        edges.Add(new Edge(Id(node, Phase.Start), Id(child, Phase.Start), $"'{node.Path}' starts only after its child '{child.Path}' started", null, false));
                        edges.Add(new Edge(Id(child, Phase.Prepare), Id(node, Phase.Prepare), $"'{child.Path}' begins only after '{node.Path}' prepared", null, false));
                    }
                }

                // An optional resource is taken if already there and never waited for: no edge, so
                // it breaks a cycle as the docs promise (the race it may leave is ASPH0010's).
                foreach (var consumption in _consumptions.Where(c => c.Phase != Phase.Run && !c.Optional))
                {
                    if (!_providers.TryGetValue(consumption.Key, out var providers))
                    {
                        continue;
                    }

                    foreach (var provider in providers)
                    {
                        var when = provider.Resource.Phase == Phase.Prepare ? "PrepareAsync" : "StartAsync";
                        edges.Add(new Edge(
                            Id(consumption.Node, consumption.Phase),
                            Id(provider.Node, provider.Resource.Phase),
                            $"'{consumption.Node.Path}' waits in {(consumption.Phase == Phase.Prepare ? "PrepareAsync" : "StartAsync")} ({consumption.What}) for {consumption.TypeDisplay} '{consumption.Key.Name}', published by '{provider.Node.Path}' after its {when}",
                            consumption.Location,
                            true));
                    }
                }

                return _edges = edges;
            }

            /// <summary>
            /// An optional resource is taken without waiting. That is only reliable when the runtime's
            /// own order (prepare before children, children before start) guarantees the provider's
            /// step ran first; otherwise the parameter gets its default or the resource by chance.
            /// </summary>
            private void CheckOptionalRaces()
            {
                if (_problems is null)
                {
                    return;
                }

                var implicitEdges = Edges().Where(e => !e.IsResource).ToLookup(e => e.From, e => e.To);
                foreach (var consumption in _consumptions.Where(c => c.Optional && c.Phase != Phase.Run))
                {
                    if (!_providers.TryGetValue(consumption.Key, out var providers))
                    {
                        continue;
                    }

                    var before = Reachable(Id(consumption.Node, consumption.Phase), implicitEdges);
                    foreach (var provider in providers)
                    {
                        var publishedAt = Id(provider.Node, provider.Resource.Phase);
                        if (provider.Node != consumption.Node && !before.Contains(publishedAt))
                        {
                            _problems.Add(new WiringProblem(DiagnosticDescriptors.OptionalResourceRace, consumption.Location, new[] { provider.Location },
                                consumption.Node.Path, consumption.TypeDisplay, consumption.Key.Name, consumption.What, provider.Node.Path));
                        }
                    }
                }
            }

            private static HashSet<int> Reachable(int start, ILookup<int, int> edges)
            {
                var seen = new HashSet<int>();
                var stack = new Stack<int>();
                stack.Push(start);
                while (stack.Count > 0)
                {
                    foreach (var next in edges[stack.Pop()])
                    {
                        if (seen.Add(next))
                        {
                            stack.Push(next);
                        }
                    }
                }

                return seen;
            }

            private void CheckCycles()
            {
                if (_problems is null)
                {
                    return;
                }

                var edges = Edges();
                var count = _nodes.Count * 2;
                var outgoing = new List<Edge>[count];
                for (var i = 0; i < count; i++)
                {
                    outgoing[i] = new List<Edge>();
                }

                foreach (var edge in edges)
                {
                    outgoing[edge.From].Add(edge);
                }

                foreach (var component in StronglyConnected(count, outgoing))
                {
                    var members = new HashSet<int>(component);
                    var cycle = FindCycle(component[0], members, outgoing);
                    if (cycle is null || !cycle.Any(e => e.IsResource))
                    {
                        continue;
                    }

                    var located = cycle.Where(e => e.IsResource).ToList();
                    _problems.Add(new WiringProblem(DiagnosticDescriptors.DependencyCycle, located[0].Location, located.Skip(1).Select(e => e.Location),
                        RootName, string.Join("; ", cycle.Select(e => e.Description))));
                }
            }

            private static List<Edge>? FindCycle(int start, HashSet<int> members, List<Edge>[] outgoing)
            {
                // Depth-first search for a path back to start inside the strongly connected component.
                var path = new List<Edge>();
                var visited = new HashSet<int>();
                return Search(start) ? path : null;

                bool Search(int node)
                {
                    foreach (var edge in outgoing[node])
                    {
                        if (!members.Contains(edge.To))
                        {
                            continue;
                        }

                        path.Add(edge);
                        if (edge.To == start || (visited.Add(edge.To) && Search(edge.To)))
                        {
                            return true;
                        }

                        path.RemoveAt(path.Count - 1);
                    }

                    return false;
                }
            }

            /// <summary>Tarjan's algorithm; yields components with a cycle (size above one, or a self-loop).</summary>
            private static IEnumerable<List<int>> StronglyConnected(int count, List<Edge>[] outgoing)
            {
                var index = new int[count];
                var low = new int[count];
                var onStack = new bool[count];
                var stack = new Stack<int>();
                var result = new List<List<int>>();
                var next = 1;
                for (var i = 0; i < count; i++)
                {
                    if (index[i] == 0)
                    {
                        Visit(i);
                    }
                }

                return result;

                void Visit(int v)
                {
                    index[v] = low[v] = next++;
                    stack.Push(v);
                    onStack[v] = true;
                    foreach (var edge in outgoing[v])
                    {
                        if (index[edge.To] == 0)
                        {
                            Visit(edge.To);
                            low[v] = Math.Min(low[v], low[edge.To]);
                        }
                        else if (onStack[edge.To])
                        {
                            low[v] = Math.Min(low[v], index[edge.To]);
                        }
                    }

                    if (low[v] == index[v])
                    {
                        var component = new List<int>();
                        int w;
                        do
                        {
                            w = stack.Pop();
                            onStack[w] = false;
                            component.Add(w);
                        }
                        while (w != v);

                        component.Sort();
                        if (component.Count > 1 || outgoing[v].Any(e => e.To == v))
                        {
                            result.Add(component);
                        }
                    }
                }
            }
        }
    }
}
