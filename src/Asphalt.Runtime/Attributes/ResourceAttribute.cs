namespace Asphalt;

/// <summary>
/// Declares a resource. On a parameter of a component's <c>PrepareAsync</c>/<c>StartAsync</c>/<c>RunAsync</c>
/// method it names the resource to inject (parameters without it take the resource named
/// <c>"default"</c>). On a property, a field or a return value it publishes that value as a resource.
/// </summary>
/// <remarks>
/// <para>A return value is published when its method returns: a <c>PrepareAsync</c> result before
/// the component's children start, a <c>StartAsync</c> result after. Properties and fields are
/// published after <c>StartAsync</c> returns.</para>
/// <para>An injected parameter that is nullable or has a default value is optional: it takes the
/// resource if it is already published when the component reaches that method and never waits.</para>
/// </remarks>
/// <example>
/// <code>
/// public async Task StartAsync([Resource("chat")] Signal&lt;ChatMessage&gt; messages, MessageStore store, CancellationToken ct) { ... }
///
/// [Resource(PublishAs = typeof(IClock))]
/// public SystemClock Clock { get; } = new();
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue,
    Inherited = false, AllowMultiple = false)]
public sealed class ResourceAttribute : Attribute
{
    /// <summary>Declares a resource named <c>"default"</c>.</summary>
    public ResourceAttribute()
    {
    }

    /// <summary>Declares a resource with a name.</summary>
    /// <param name="name">The resource's name: an identifier.</param>
    public ResourceAttribute(string name) => Name = name;

    /// <summary>The resource's name.</summary>
    public string Name { get; } = ResourceKey.DefaultName;

    /// <summary>
    /// When publishing: the type consumers ask for (an interface or base class of the value's type).
    /// The value's own type when null.
    /// </summary>
    public Type? PublishAs { get; set; }

    /// <summary>When publishing: whether the context disposes the value at teardown (in reverse order of start).</summary>
    public bool Owned { get; set; }

    /// <summary>
    /// When injecting: the component's option (a <c>string</c> member of its options type, given with
    /// <c>nameof</c>) whose configured value names the resource to take; <see cref="Name"/> when the
    /// option is empty. Lets configuration point a component at another instance, for example one
    /// added as <c>detector/backup</c>. The build checks the wiring with <see cref="Name"/>.
    /// </summary>
    public string? NameOption { get; set; }
}
