namespace Asphalt.Hosting;

/// <summary>Registers each resource of a generated <see cref="IResourceCatalog"/> as a keyed service.</summary>
internal sealed class KeyedResourceRegistrar(AsphaltBuilder builder) : IResourceVisitor
{
    public void Visit<T>(string name)
        where T : notnull => builder.AddResource<T>(name);
}
