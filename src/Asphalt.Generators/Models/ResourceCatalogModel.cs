using Asphalt.Generators.Common;

namespace Asphalt.Generators.Models
{
    /// <summary>
    /// The resources a component's tree declares in code, emitted as its <c>IResourceCatalog.VisitResources</c>
    /// (hosts register them as keyed services). Equatable: strings and records only.
    /// </summary>
    /// <param name="Namespace">The component's namespace, empty for the global namespace.</param>
    /// <param name="ContainingTypes">Enclosing types, outermost first.</param>
    /// <param name="Name">The component's simple name.</param>
    /// <param name="FullName">Its <c>global::</c> name, for the hint name.</param>
    /// <param name="Resources">The resources, sorted by type then name.</param>
    internal sealed record ResourceCatalogModel(
        string Namespace,
        EquatableArray<ContainingType> ContainingTypes,
        string Name,
        string FullName,
        EquatableArray<CatalogResource> Resources);

    /// <summary>A resource in a catalog: the type consumers ask for and its name.</summary>
    internal sealed record CatalogResource(string Type, string Name);
}
