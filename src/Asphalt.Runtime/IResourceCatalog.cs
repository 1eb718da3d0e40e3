namespace Asphalt;

/// <summary>
/// A root component whose tree's resources are known at build time: the generator implements it on every
/// <c>[Component]</c> class, listing the resources its tree declares in code (type and name), so that a
/// host can expose them (Asphalt.Hosting registers each as a keyed service) without reflection.
/// </summary>
public interface IResourceCatalog
{
    /// <summary>Calls <see cref="IResourceVisitor.Visit{T}"/> once per resource the tree declares, sorted by type and name.</summary>
    static abstract void VisitResources(IResourceVisitor visitor);
}
