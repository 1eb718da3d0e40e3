using System.ComponentModel;
using Asphalt.Configuration;
using Asphalt.Trees;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

/// <summary>
/// Adds the child components a configuration declares under <c>components:</c>, next to those declared
/// in code, by the same tree builder the command line and the build use: a child's type is its
/// <c>type:</c>, else its alias; <c>alias/resourceName</c> runs another instance publishing its
/// default resources as <c>resourceName</c>.
/// </summary>
/// <remarks>Public so generated code can call it; the generated <c>ComponentRegistry</c> supplies <c>create</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfiguredComponents
{
    /// <summary>The configuration key under which child components are configured.</summary>
    public const string ComponentsKey = TreeRules.ComponentsKey;

    /// <summary>The key naming a configured child's component type (a registered alias).</summary>
    public const string TypeKey = TreeRules.TypeKey;

    /// <summary>
    /// The component that replaces a child declared in code when its configuration names another type
    /// with <c>type:</c> (configuration wins, as on the command line); null to keep the declared type.
    /// Generated code writes <c>Replacement(…) ?? Declared.Create(…)</c>: no delegate per child.
    /// </summary>
    /// <param name="configuration">The parent's configuration section, or null.</param>
    /// <param name="alias">The child's alias.</param>
    /// <param name="create">The generated registry's factory: a registered alias, a section and a resource name.</param>
    /// <remarks>
    /// A <c>type:</c> that names no registered type keeps the declared type here; <see cref="Add"/>, which
    /// the generated code calls next, reports the unknown type through the shared tree builder, with the
    /// message the command line and the build give.
    /// </remarks>
    public static Component? Replacement(
        IConfiguration? configuration, string alias, Func<string, IConfigurationSection, string, Component?> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        var section = configuration?.GetSection(TreeRules.ComponentsKey + ":" + alias);
        return section?[TreeRules.TypeKey] is { Length: > 0 } type
            ? create(TreeRules.TypeAliasOf(type), section, TreeRules.DefaultName)
            : null;
    }

    /// <summary>
    /// Adds to <paramref name="parent"/> every child configured under <c>components:</c> whose alias is
    /// not in <paramref name="declaredAliases"/>.
    /// </summary>
    /// <param name="parent">The component being built.</param>
    /// <param name="configuration">The parent's configuration section, or null.</param>
    /// <param name="create">
    /// Creates a component with its children from its registered alias, its section and the name it publishes
    /// its default resources under; null for an unknown alias.
    /// </param>
    /// <param name="knownAliases">The registered aliases, sorted.</param>
    /// <param name="declaredAliases">The aliases of the children declared in code.</param>
    /// <exception cref="ConfigurationBindingException">Every problem of the configured children (bad alias, unknown type …).</exception>
    public static void Add(
        Component parent,
        IConfiguration? configuration,
        Func<string, IConfigurationSection, string, Component?> create,
        IReadOnlyList<string> knownAliases,
        params string[] declaredAliases)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(knownAliases);
        if (configuration is null)
        {
            return;
        }

        // Declared children are already added (typed, by the generated code); the builder skips them
        // and reads the rest. Their own children are read by their own factories.
        // A declared child stands for its own type here (its factory, already run, checked its section),
        // whatever its type's registered alias is: a child "store" of a package's "kvstore" type is not a
        // "store" type, and no configured child may name "store" as its type because of it.
        var declared = declaredAliases.Select(a => new KeyValuePair<string, string>(a, DeclaredType)).ToList();
        var parentType = new TreeType(string.Empty, string.Empty, declared, [], [], string.Empty);
        var parentNode = new TreeNode(parent.Path ?? string.Empty, ChildAlias.Parse(TreeRules.RootAlias), string.Empty, parentType, new ConfigurationTreeSection(configuration, null));
        var tree = ConfiguredTree.ReadChildren(
            parentNode, alias => alias == DeclaredType || knownAliases.Contains(alias) ? Known(alias) : null, knownAliases);
        if (tree.Problems.Count > 0)
        {
            var problems = tree.Problems
                .Select(p => new ConfigurationBindingException(((ConfigurationTreeSection)p.At).Path, "a component tree", $"{p.KeyPath}: {p.Message}"))
                .ToList();
            throw problems.Count == 1 ? problems[0] : new ConfigurationBindingException(problems);
        }

        foreach (var child in parentNode.Children)
        {
            if (declaredAliases.Contains(child.Alias.Written, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var childSection = ((ConfigurationTreeSection)child.Section).Section;
            var component = create(child.TypeAlias, childSection, child.Alias.ResourceName)
                ?? throw new InvalidOperationException($"The registry lists '{child.TypeAlias}' but does not create it.");
            parent.AddComponent(child.Alias.TreeAlias, component);
        }
    }

    private static TreeType Known(string alias) => new(alias, alias, [], [], [], alias);

    // Not an identifier, so no registered alias and no 'type:' a user writes can be it.
    private const string DeclaredType = "(declared in code)";
}
