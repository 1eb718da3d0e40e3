namespace Asphalt;

/// <summary>Receives the resources of an <see cref="IResourceCatalog"/>.</summary>
public interface IResourceVisitor
{
    /// <summary>One resource: published as <typeparamref name="T"/> under <paramref name="name"/>.</summary>
    void Visit<T>(string name)
        where T : notnull;
}
