using System.ComponentModel;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

/// <summary>
/// Adds the child components a configuration declares under <c>components:</c> (each with a
/// <c>type</c> key naming a registered component alias), next to those declared in code.
/// </summary>
/// <remarks>Public so generated code can call it; the generated <c>ComponentRegistry</c> supplies <c>create</c>.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ConfiguredComponents
{
    /// <summary>The configuration key under which child components are configured.</summary>
    public const string ComponentsKey = "components";

    /// <summary>The key naming a configured child's component type (a registered alias).</summary>
    public const string TypeKey = "type";

    /// <summary>
    /// Adds to <paramref name="parent"/> every child configured under <c>components:</c> whose alias is
    /// not in <paramref name="declaredAliases"/>.
    /// </summary>
    /// <param name="parent">The component being built.</param>
    /// <param name="configuration">The parent's configuration section, or null.</param>
    /// <param name="create">Creates a component from its registered alias and its section; null for an unknown alias.</param>
    /// <param name="knownAliases">The registered aliases, for the error message.</param>
    /// <param name="declaredAliases">The aliases of the children declared in code.</param>
    public static void Add(
        Component parent,
        IConfiguration? configuration,
        Func<string, IConfigurationSection, Component?> create,
        IReadOnlyList<string> knownAliases,
        params string[] declaredAliases)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(create);
        if (configuration is null)
        {
            return;
        }

        foreach (var child in configuration.GetSection(ComponentsKey).GetChildren())
        {
            if (declaredAliases.Contains(child.Key))
            {
                continue;
            }

            if (child.Key.Length == 0 || !child.Key.All(c => char.IsLetterOrDigit(c) || c == '_'))
            {
                throw new ConfigurationBindingException(child.Path, "an identifier",
                    $"Configured component '{child.Path}' has an alias that is not an identifier (letters, digits, '_'); "
                    + "for 'alias/resourceName' build the tree with Asphalt.Configuration.ComponentTree.");
            }

            var typePath = child.Path + ":" + TypeKey;
            var known = string.Join(", ", knownAliases);
            var type = child[TypeKey]
                ?? throw new ConfigurationBindingException(typePath, known,
                    $"Configured component '{child.Path}' has no '{TypeKey}' key: set it to one of: {known}.");
            var component = create(type, child)
                ?? throw new ConfigurationBindingException(typePath, known,
                    $"Unknown component type '{type}' at '{typePath}': registered types are: {known}.");
            parent.AddComponent(child.Key, component);
        }
    }
}
