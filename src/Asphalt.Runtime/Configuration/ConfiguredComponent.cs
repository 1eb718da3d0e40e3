using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>
/// One component of the tree as configuration and code declare it, before anything is created:
/// what <c>check</c> and <c>graph</c> look at and what <see cref="ComponentTree.Build"/> instantiates.
/// </summary>
internal sealed class ConfiguredComponent(string path, string alias, ComponentTypeInfo? type, string typeAlias, string resourceName, IConfigurationSection section)
{
    public string Path { get; } = path;

    public string Alias { get; } = alias;

    /// <summary>The alias in the tree: an identifier (<c>detector/backup</c> becomes <c>detector_backup</c>).</summary>
    public string TreeAlias { get; } = alias.Replace('/', '_');

    /// <summary>Null when the type alias is not registered (an error was reported).</summary>
    public ComponentTypeInfo? Type { get; } = type;

    public string TypeAlias { get; } = typeAlias;

    public string ResourceName { get; } = resourceName;

    public IConfigurationSection Section { get; } = section;

    public List<ConfiguredComponent> Children { get; } = [];

    public ComponentConfiguration ToConfiguration() => new(Path, Alias, TypeAlias, ResourceName, Section);

    public IEnumerable<ConfiguredComponent> DescendantsAndSelf()
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
