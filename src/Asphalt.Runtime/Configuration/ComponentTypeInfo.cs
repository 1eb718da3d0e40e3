namespace Asphalt.Configuration;

/// <summary>
/// A component type that configuration can name with <c>type: alias</c>: its alias, how to create
/// it, the children its code declares, and the resources it publishes and takes.
/// </summary>
/// <param name="Alias">The alias configuration uses (<c>mailer</c>).</param>
/// <param name="TypeName">The component's full type name, for messages and the graph.</param>
/// <param name="Create">Creates it from its configuration, without children.</param>
public sealed record ComponentTypeInfo(string Alias, string TypeName, ComponentFactory Create)
{
    /// <summary>The children declared in code: alias → type alias. Configuration is merged over them.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Children { get; init; } = [];

    /// <summary>The resources (and signals) it publishes.</summary>
    public IReadOnlyList<ResourceDeclaration> Provides { get; init; } = [];

    /// <summary>The resources (and signals) it takes.</summary>
    public IReadOnlyList<ResourceDeclaration> Consumes { get; init; } = [];
}
