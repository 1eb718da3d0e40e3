namespace Asphalt;

/// <summary>
/// Publishes a <see cref="Signal{TEvent}"/> property or field of a component as a resource, before
/// the component's children start, so any component in the tree can connect to it with
/// <see cref="SignalListenerAttribute"/> or take it as a <c>Signal&lt;TEvent&gt;</c> parameter.
/// </summary>
/// <example>
/// <code>
/// [Signal("messages")]
/// public Signal&lt;ChatMessage&gt; Messages { get; } = new("messages");
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field, Inherited = false, AllowMultiple = false)]
public sealed class SignalAttribute : Attribute
{
    /// <summary>Publishes the signal under the name <c>"default"</c>.</summary>
    public SignalAttribute()
    {
    }

    /// <summary>Publishes the signal under <paramref name="name"/>.</summary>
    /// <param name="name">The signal resource's name: an identifier.</param>
    public SignalAttribute(string name) => Name = name;

    /// <summary>The signal resource's name.</summary>
    public string Name { get; } = ResourceKey.DefaultName;
}
