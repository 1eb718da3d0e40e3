using Microsoft.Extensions.Configuration;

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
    public static IReadOnlyList<string> TopLevelKeys { get; } = [LoadedConfiguration.ComponentKey, "logging", "startTimeout", "stopTimeout"];

    /// <summary>Creates the root component and its whole tree.</summary>
    /// <param name="configuration">The loaded configuration; the root is configured under <c>component:</c>.</param>
    /// <param name="types">The registered component types.</param>
    /// <param name="rootType">The root's type alias when <c>component.type</c> is not set.</param>
    /// <param name="rootAlias">The root's name in component paths.</param>
    /// <exception cref="ConfigurationException">Lists every problem found in the tree, with file, line and key path.</exception>
    public static Component Build(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = "app")
    {
        var errors = new List<ConfigurationError>();
        var root = Read(configuration, types, rootType, rootAlias, errors);
        var component = Instantiate(root, configuration, errors);
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
    public static IReadOnlyList<ConfigurationError> Check(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = "app")
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<ConfigurationError>();
        foreach (var section in configuration.Configuration.GetChildren())
        {
            if (!TopLevelKeys.Contains(section.Key, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(configuration.ErrorAt(section.Path,
                    $"unknown top-level key; the known keys are {string.Join(", ", TopLevelKeys)} (component options go under 'component:')"));
            }
        }

        RunnerSettings.Read(configuration, errors);
        var root = Read(configuration, types, rootType, rootAlias, errors);
        Instantiate(root, configuration, errors);
        ResourceGraph.Analyze(root, configuration, errors);
        return InSourceOrder(errors);
    }

    /// <summary>Sorts errors by line within each source, keeping the sources in the order they first appear.</summary>
    internal static List<ConfigurationError> InSourceOrder(List<ConfigurationError> errors)
    {
        var sources = errors.Select(e => e.Location.Source).Distinct().ToList();
        return [.. errors.OrderBy(e => sources.IndexOf(e.Location.Source)).ThenBy(e => e.Location.Line).ThenBy(e => e.Location.Column)];
    }

    /// <summary>The wiring of the configured tree: components, resources, start order, Mermaid and DOT.</summary>
    /// <exception cref="ConfigurationException">The tree cannot be read (unknown types, bad shapes).</exception>
    public static WiringPlan Plan(LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias = "app")
    {
        var errors = new List<ConfigurationError>();
        var root = Read(configuration, types, rootType, rootAlias, errors);
        if (errors.Count > 0)
        {
            throw new ConfigurationException(InSourceOrder(errors));
        }

        return ResourceGraph.Analyze(root, configuration, errors);
    }

    internal static ConfiguredComponent Read(
        LoadedConfiguration configuration, ComponentTypes types, string rootType, string rootAlias, List<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(types);
        var section = configuration.Component;
        var typeAlias = section[ComponentConfiguration.TypeKey] ?? rootType;
        var type = Resolve(typeAlias, section.Path, configuration, types, errors);
        if (section.Value is not null)
        {
            errors.Add(configuration.ErrorAt(section.Path, $"the root component's configuration must be a mapping of options, not '{section.Value}'"));
        }

        var root = new ConfiguredComponent(rootAlias, rootAlias, type, typeAlias, ResourceKey.DefaultName, section);
        ReadChildren(root, configuration, types, errors, depth: 0);
        return root;
    }

    private static void ReadChildren(ConfiguredComponent parent, LoadedConfiguration configuration, ComponentTypes types, List<ConfigurationError> errors, int depth)
    {
        if (depth > 32)
        {
            errors.Add(configuration.ErrorAt(parent.Section.Path,
                "the component tree is more than 32 levels deep: a component type probably declares itself as its own descendant"));
            return;
        }

        var componentsSection = parent.Section.GetSection(ComponentConfiguration.ComponentsKey);
        if (componentsSection.Value is not null)
        {
            errors.Add(configuration.ErrorAt(componentsSection.Path,
                $"'components' must be a mapping of child aliases to their configuration, not '{componentsSection.Value}'"));
        }

        // Code first, in declaration order; then children only configuration adds.
        var aliases = new List<string>();
        foreach (var (alias, _) in parent.Type?.Children ?? [])
        {
            aliases.Add(alias);
        }

        // Configuration returns keys sorted; take them in the order they were written instead.
        foreach (var child in componentsSection.GetChildren().OrderBy(c => configuration.LocationOf(c.Path).Line))
        {
            if (!aliases.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                aliases.Add(child.Key);
            }
        }

        foreach (var alias in aliases)
        {
            var childSection = componentsSection.GetSection(alias);
            var slash = alias.IndexOf('/');
            var baseAlias = slash < 0 ? alias : alias[..slash];
            var resourceName = slash < 0 ? ResourceKey.DefaultName : alias[(slash + 1)..];
            if (!IsIdentifier(baseAlias) || !IsIdentifier(resourceName))
            {
                errors.Add(configuration.ErrorAt(childSection.Path,
                    $"'{alias}' is not a valid child alias: use an identifier (letters, digits, '_'), or 'alias/resourceName' to publish a second instance's resources under another name"));
                continue;
            }

            if (childSection.Value is not null)
            {
                errors.Add(configuration.ErrorAt(childSection.Path,
                    $"a component's configuration must be a mapping of options or empty, not '{childSection.Value}'"));
                continue;
            }

            var declared = parent.Type?.Children.FirstOrDefault(c => string.Equals(c.Key, alias, StringComparison.OrdinalIgnoreCase)).Value;
            var typeAlias = childSection[ComponentConfiguration.TypeKey] ?? declared ?? baseAlias;
            var slashInType = typeAlias.IndexOf('/');
            if (slashInType >= 0)
            {
                typeAlias = typeAlias[..slashInType]; // Asphalt: only the part before '/' names the type.
            }

            var typeInfo = Resolve(typeAlias, childSection.Path, configuration, types, errors);
            var child = new ConfiguredComponent(parent.Path + "/" + alias.Replace('/', '_'), alias, typeInfo, typeAlias, resourceName, childSection);
            if (parent.Children.Exists(c => c.TreeAlias == child.TreeAlias))
            {
                errors.Add(configuration.ErrorAt(childSection.Path, $"two children of '{parent.Path}' would both be named '{child.TreeAlias}'; rename one"));
                continue;
            }

            parent.Children.Add(child);
            ReadChildren(child, configuration, types, errors, depth + 1);
        }
    }

    private static ComponentTypeInfo? Resolve(string typeAlias, string sectionPath, LoadedConfiguration configuration, ComponentTypes types, List<ConfigurationError> errors)
    {
        if (types.TryGet(typeAlias, out var type))
        {
            return type;
        }

        var typePath = sectionPath + ":" + ComponentConfiguration.TypeKey;
        var at = configuration.Configuration[typePath] is null ? sectionPath : typePath;
        var near = types.Aliases.FirstOrDefault(a => string.Equals(a, typeAlias, StringComparison.OrdinalIgnoreCase));
        var hint = near is null ? "" : $" (did you mean '{near}'?)";
        errors.Add(configuration.ErrorAt(at,
            $"unknown component type '{typeAlias}'{hint}: registered types are {string.Join(", ", types.Aliases)}; set 'type:' to one of them"));
        return null;
    }

    private static Component? Instantiate(ConfiguredComponent node, LoadedConfiguration configuration, List<ConfigurationError> errors)
    {
        Component? component = null;
        if (node.Type is { } type)
        {
            try
            {
                component = type.Create(node.ToConfiguration());
            }
            catch (ConfigurationBindingException failure)
            {
                // Generated binding lists every problem of the section: each gets its own located error.
                foreach (var problem in failure.Problems)
                {
                    errors.Add(configuration.ErrorAt(problem.Path, Strip(problem.Message, problem.Path)));
                }
            }
            catch (Exception failure) when (failure is ArgumentException or FormatException or InvalidOperationException or ConfigurationException)
            {
                if (failure is ConfigurationException nested)
                {
                    errors.AddRange(nested.Errors.Select(configuration.Redacted));
                }
                else
                {
                    errors.Add(configuration.ErrorAt(node.Section.Path,
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
                component.AddComponent(childNode.TreeAlias, child);
            }
            catch (ArgumentException failure)
            {
                errors.Add(configuration.ErrorAt(childNode.Section.Path,
                    $"cannot add '{childNode.TreeAlias}' to '{node.Path}': {failure.Message} (a factory must not add children itself; declare them in ComponentTypeInfo.Children)"));
            }
        }

        return component;
    }

    // Binding messages quote the ':' path; the located error already names the key.
    private static string Strip(string message, string path) =>
        message.Replace($" at '{path}'", "", StringComparison.Ordinal)
            .Replace($"'{path}'", $"'{path[(path.LastIndexOf(':') + 1)..]}'", StringComparison.Ordinal);

    private static bool IsIdentifier(string name) => name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_');
}
