using Asphalt.Trees;

namespace Asphalt.Configuration;

/// <summary>
/// Builds the component tree from configuration, merged over the tree declared in code
/// (configuration wins), as Asphalt 5 does:
/// <list type="bullet">
/// <item>a component's children are those its type declares in code plus those under its <c>components:</c> key;</item>
/// <item>a child's <c>type:</c> names a registered alias; without it the alias (the key) is the type;</item>
/// <item><c>alias/resourceName</c> (<c>detector/backup:</c>) runs another instance of type <c>detector</c>
/// that publishes its default resources under the name <c>backup</c>; its path in the tree is <c>detector_backup</c>;</item>
/// <item>a child configured with no value (<c>mailer:</c>) keeps what the code declared.</item>
/// </list>
/// Every problem is collected: unknown types, bad shapes and option errors of all components come out together.
/// </summary>
public static class ComponentTree
{
    /// <summary>The top-level keys the runner understands.</summary>
    public static IReadOnlyList<string> TopLevelKeys { get; } = TreeRules.TopLevelKeys;

    /// <summary>Creates the root component and its whole tree.</summary>
    /// <param name="configuration">The loaded configuration; the root is configured under <c>component:</c>.</param>
    /// <param name="types">The registered component types.</param>
    /// <param name="rootType">The root's type alias when <c>component.type</c> is not set.</param>
    /// <param name="rootAlias">The root's name in component paths.</param>
    /// <exception cref="ConfigurationException">Lists every problem found in the tree, with file, line and key path.</exception>
    public static Component Build(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = TreeRules.RootAlias)
    {
        var errors = new List<ConfigurationError>();
        var tree = Read(configuration, types, rootType, rootAlias, errors);
        var component = tree.Root is null ? null : Instantiate(tree.Root, configuration, errors);
        if (errors.Count > 0 || component is null)
        {
            throw new ConfigurationException(InSourceOrder(errors));
        }

        return component;
    }

    /// <summary>
    /// Checks everything short of starting: the top-level keys, the tree's shape and types, every
    /// component's options (by creating the components, which starts nothing), and the resource
    /// graph (every resource taken is published once, no cycle).
    /// </summary>
    /// <returns>Every problem found; empty when the configuration is good.</returns>
    public static IReadOnlyList<ConfigurationError> Check(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = TreeRules.RootAlias) =>
        BuildAndCheck(configuration, types, rootType, rootAlias).Errors;

    /// <summary>
    /// What <see cref="Check"/> does, keeping the components it created: <c>run</c> starts the tree it
    /// checked, so each component's constructor (and its options binding) runs once per start.
    /// </summary>
    internal static CheckedTree BuildAndCheck(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<ConfigurationError>();
        foreach (var section in configuration.Configuration.GetChildren())
        {
            if (!TopLevelKeys.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(configuration.ErrorAt(section.Path, TreeMessages.UnknownTopLevelKey(section.Key)));
            }
        }

        RunnerSettings.Read(configuration, errors);
        var tree = Read(configuration, types, rootType, rootAlias, errors);
        Component? root = null;
        TreeGraph? graph = null;
        if (tree.Root is not null)
        {
            root = Instantiate(tree.Root, configuration, errors);
            if (!tree.IsIncomplete)
            {
                // As the build does: a child that could not be read would only add follow-on "nobody publishes" errors.
                graph = Analyze(tree.Root, configuration, errors);
            }
        }

        // A tree with problems is never handed out: it would start half-configured.
        return errors.Count > 0 || root is null || graph is null
            ? new CheckedTree(null, InSourceOrder(errors))
            : new CheckedTree(root, [], tree.Root, graph);
    }

    /// <summary>Sorts errors by line within each source, keeping the sources in the order they first appear.</summary>
    internal static List<ConfigurationError> InSourceOrder(List<ConfigurationError> errors)
    {
        var sources = errors.Select(e => e.Location.Source).Distinct().ToList();
        return [.. errors.OrderBy(e => sources.IndexOf(e.Location.Source)).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)];
    }

    /// <summary>The wiring of the configured tree: components, resources, start order, Mermaid and DOT.</summary>
    /// <exception cref="ConfigurationException">The tree cannot be read (unknown types, bad shapes).</exception>
    public static WiringPlan Plan(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = TreeRules.RootAlias)
    {
        var errors = new List<ConfigurationError>();
        var tree = Read(configuration, types, rootType, rootAlias, errors);
        if (errors.Count > 0 || tree.Root is null)
        {
            throw new ConfigurationException(InSourceOrder(errors));
        }

        return ToPlan(tree.Root, Analyze(tree.Root, configuration, errors));
    }

    /// <summary>The plan of a tree already read and analysed (by <see cref="BuildAndCheck"/>, say).</summary>
    internal static WiringPlan ToPlan(TreeNode root, TreeGraph graph)
    {
        var components = graph.Components.Select(c => new GraphText.Component(c.Path, c.TypeName)).ToList();
        return new WiringPlan(
            root.TypeName,
            [.. graph.Components.Select(c => new WiringComponent(c.Path, c.TypeName))],
            [.. graph.Resources.Select(r => new WiringResource(r.Type, r.Name, r.Provider, r.ConsumersAndListeners, r.IsSignal))],
            graph.Stages,
            GraphText.Mermaid(components, graph.Resources, graph.Stages),
            GraphText.Dot(components, graph.Resources, graph.Stages));
    }

    /// <summary>The tree under <c>component:</c>, read by the builder the build and generated <c>Create</c> share.</summary>
    private static ConfiguredTree Read(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias, List<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(types);
        var tree = ConfiguredTree.Read(new ConfigurationTreeSection(configuration.Component, configuration), rootAlias, rootType, types.Find, types.Aliases);
        Report(tree.Problems, configuration, errors);
        return tree;
    }

    private static TreeGraph Analyze(TreeNode root, LoadedConfiguration configuration, List<ConfigurationError> errors)
    {
        var problems = new List<TreeProblem>();
        var graph = TreeGraph.Analyze(root, problems);
        Report(problems, configuration, errors);
        return graph;
    }

    private static void Report(List<TreeProblem> problems, LoadedConfiguration configuration, List<ConfigurationError> errors) =>
        errors.AddRange(problems.Select(p => configuration.ErrorAt(((ConfigurationTreeSection)p.At).Path, p.Message)));

    private static Component? Instantiate(TreeNode node, LoadedConfiguration configuration, List<ConfigurationError> errors)
    {
        Component? component = null;
        var section = ((ConfigurationTreeSection)node.Section).Section;
        if (node.Type?.Origin is ComponentTypeInfo type)
        {
            try
            {
                component = type.Create(new ComponentConfiguration(node.Path, node.Alias.Written, node.TypeAlias, node.Alias.ResourceName, section));
            }
            catch (ConfigurationBindingException failure)
            {
                errors.AddRange(BindingErrors(failure, configuration));
            }
            catch (Exception failure) when (failure is ArgumentException or FormatException or InvalidOperationException or ConfigurationException)
            {
                if (failure is ConfigurationException nested)
                {
                    errors.AddRange(nested.Errors.Select(configuration.Redacted));
                }
                else
                {
                    errors.Add(configuration.ErrorAt(section.Path,
                        $"creating component '{node.Path}' ({type.TypeName}) failed: {failure.Message}"));
                }
            }
        }

        // Children are created even when the parent failed, so their problems are reported too.
        foreach (var childNode in node.Children)
        {
            var child = Instantiate(childNode, configuration, errors);
            if (component is null || child is null)
            {
                continue;
            }

            try
            {
                component.AddComponent(childNode.Alias.TreeAlias, child);
            }
            catch (ArgumentException failure)
            {
                errors.Add(configuration.ErrorAt(((ConfigurationTreeSection)childNode.Section).Path,
                    $"cannot add '{childNode.Alias.TreeAlias}' to '{node.Path}': {failure.Message} (a factory must not add children itself; declare them in ComponentTypeInfo.Children)"));
            }
        }

        return component;
    }

    /// <summary>
    /// Generated binding lists every problem of a section: each becomes its own located error. Start-up and
    /// a configuration reload report an invalid section with this, so both say exactly the same.
    /// </summary>
    internal static IEnumerable<ConfigurationError> BindingErrors(ConfigurationBindingException failure, LoadedConfiguration configuration) =>
        failure.Problems.Select(problem => configuration.ErrorAt(problem.Path, Strip(problem.Message, problem.Path)));

    // Binding messages quote the ':' path; the located error already names the key.
    private static string Strip(string message, string path) =>
        message.Replace($" at '{path}'", "", StringComparison.Ordinal)
            .Replace($"'{path}'", $"'{path[(path.LastIndexOf(':') + 1)..]}'", StringComparison.Ordinal);
}
