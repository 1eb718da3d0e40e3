using Asphalt.Trees;

namespace Asphalt;

/// <summary>
/// Identifies a resource in a <see cref="Context"/>: the type it is published under and its name.
/// </summary>
/// <param name="Type">The type the resource is published under (a class or an interface).</param>
/// <param name="Name">The resource's name; <see cref="DefaultName"/> unless given.</param>
public readonly record struct ResourceKey(Type Type, string Name)
{
    /// <summary>The name a resource gets when none is given.</summary>
    public const string DefaultName = TreeRules.DefaultName;

    /// <summary>Creates the key for <typeparamref name="T"/> under <paramref name="name"/>.</summary>
    public static ResourceKey For<T>(string name = DefaultName) => new(typeof(T), name);

    /// <summary>Formats the key as <c>TypeName 'name'</c>, the form every Asphalt message uses.</summary>
    public override string ToString() => $"{TypeNames.Display(Type)} '{Name}'";
}
