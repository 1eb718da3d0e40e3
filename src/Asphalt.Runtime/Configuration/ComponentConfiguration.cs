using Microsoft.Extensions.Configuration;
using Asphalt.Trees;

namespace Asphalt.Configuration;

/// <summary>
/// What a component factory gets when the component tree is built from configuration: the
/// component's configuration section and where it sits in the tree.
/// </summary>
/// <param name="Path">The component's path in the tree (<c>app/detector</c>).</param>
/// <param name="Alias">The key it was configured under (<c>detector</c>, or <c>detector/backup</c> for the shortcut).</param>
/// <param name="Type">The registered type alias that was chosen (<c>detector</c>).</param>
/// <param name="ResourceName">
/// The name under which the component publishes what it would publish as <c>"default"</c>: the part
/// after <c>/</c> in <c>alias/resourceName</c> (Asphalt 5's shortcut), otherwise <c>"default"</c>.
/// </param>
/// <param name="Section">The component's section: its options, plus the reserved <c>type</c> and <c>components</c> keys.</param>
public sealed record ComponentConfiguration(string Path, string Alias, string Type, string ResourceName, IConfigurationSection Section)
{
    /// <summary>The key choosing a configured component's type (a registered alias).</summary>
    public const string TypeKey = "type";

    /// <summary>The key holding a component's children.</summary>
    public const string ComponentsKey = TreeRules.ComponentsKey;

    /// <summary>
    /// The keys a component's options binding must accept besides its own options: <c>type</c>,
    /// <c>components</c> and <c>bridges</c>, which belong to the framework.
    /// </summary>
    public static IReadOnlyList<string> ReservedKeys { get; } = Array.AsReadOnly(TreeRules.FrameworkKeys);

    /// <summary>
    /// The name to publish a resource under: <see cref="ResourceName"/> for <c>"default"</c>,
    /// <paramref name="name"/> otherwise.
    /// </summary>
    public string PublishName(string name = ResourceKey.DefaultName) =>
        name == ResourceKey.DefaultName ? ResourceName : name;
}
