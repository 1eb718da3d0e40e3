namespace Asphalt;

/// <summary>
/// Declares a child component. The generated <c>Create</c> factory creates it (with its own
/// configuration section, <c>components:&lt;alias&gt;</c>) and adds it with
/// <see cref="Component.AddComponent"/>; the build checks the whole tree's wiring.
/// </summary>
/// <typeparam name="TComponent">The child's type: a <see cref="ComponentAttribute"/> class, or a
/// <see cref="Component"/> with a public parameterless constructor.</typeparam>
/// <example>
/// <code>
/// [Component]
/// [ChildComponent&lt;MessageStoreComponent&gt;("store")]
/// [ChildComponent&lt;ListenerComponent&gt;("listener")]
/// public sealed partial class ChatServer;
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
public sealed class ChildComponentAttribute<TComponent> : Attribute
    where TComponent : class
{
    /// <summary>Declares a child with the given alias.</summary>
    /// <param name="alias">The child's name in the tree and its configuration section: an identifier.</param>
    public ChildComponentAttribute(string alias) => Alias = alias;

    /// <summary>The child's alias.</summary>
    public string Alias { get; }
}
