using System.Diagnostics;

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
/// <remarks>
/// The attribute only speaks to the source generator, which reads it from source, so it is not
/// compiled into the assembly (<see cref="ConditionalAttribute"/>): under NativeAOT every
/// instantiation would otherwise cost a type, its code and reflection metadata. Define
/// <c>ASPHALT_KEEP_CHILD_COMPONENT_ATTRIBUTES</c> to keep it for tools that read assemblies.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = true)]
[Conditional("ASPHALT_KEEP_CHILD_COMPONENT_ATTRIBUTES")]
public sealed class ChildComponentAttribute<TComponent> : Attribute
    where TComponent : class
{
    /// <summary>Declares a child with the given alias.</summary>
    /// <param name="alias">The child's name in the tree and its configuration section: an identifier.</param>
    public ChildComponentAttribute(string alias) => Alias = alias;

    /// <summary>The child's alias.</summary>
    public string Alias { get; }
}
