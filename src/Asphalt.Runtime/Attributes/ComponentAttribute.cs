namespace Asphalt;

/// <summary>
/// Marks a <c>partial</c> class as a component whose wiring is generated at build time: a
/// <c>Create(IConfiguration?)</c> factory that binds its options and adds its declared children,
/// and overrides of <see cref="Component.PrepareAsync"/> / <see cref="Component.StartAsync"/> that
/// take the resources its <c>PrepareAsync</c>, <c>StartAsync</c> or <c>RunAsync</c> methods ask for
/// and publish the resources it declares.
/// </summary>
/// <remarks>
/// The class derives from <see cref="Component"/> (added by the generator when no base class is
/// written) or <see cref="CliApplicationComponent"/>. Wiring mistakes (a resource nobody provides,
/// two providers of one resource, a cycle) are build errors <c>ASPH0001</c>–<c>ASPH0003</c>.
/// </remarks>
/// <example>
/// <code>
/// [Component("store")]
/// public sealed partial class MessageStoreComponent(StoreOptions options)
/// {
///     [return: Resource(Owned = true)]
///     public async Task&lt;MessageStore&gt; StartAsync(CancellationToken cancellationToken) =>
///         await MessageStore.OpenAsync(options.Path, cancellationToken);
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
public sealed class ComponentAttribute : Attribute
{
    /// <summary>Marks a component whose alias is derived from its type name (<c>MessageStoreComponent</c> → <c>messageStore</c>).</summary>
    public ComponentAttribute()
    {
    }

    /// <summary>Marks a component with an explicit alias.</summary>
    /// <param name="alias">The name under which configuration can choose this component type (<c>type: store</c>): an identifier.</param>
    public ComponentAttribute(string alias) => Alias = alias;

    /// <summary>The alias in the component registry; null when derived from the type name.</summary>
    public string? Alias { get; }
}
