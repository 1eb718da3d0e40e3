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
/// Bridged to other processes over a channel of the tree's <see cref="ISignalTransport"/>:
/// <code>
/// [Signal("messages", Channel = "chat:messages")]
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

    /// <summary>
    /// When set, the signal is bridged to this channel once the component's children have started:
    /// the component takes the <see cref="ISignalTransport"/> named <c>"default"</c> (the build fails when
    /// no component of the tree publishes one), and the event type needs System.Text.Json source-generated
    /// metadata (a <c>JsonSerializerContext</c> in the same assembly with <c>[JsonSerializable(typeof(TEvent))]</c>).
    /// The bridge stops at teardown, before the transport does.
    /// </summary>
    public string? Channel { get; set; }
}
