using System.ComponentModel;

namespace Asphalt;

/// <summary>
/// A part of an application. It may publish resources into the shared <see cref="Context"/>, take
/// resources that other components publish, start service tasks and register teardown callbacks.
/// </summary>
/// <remarks>
/// <para>The life cycle is Asphalt 5's. First the whole tree is constructed: a component adds its
/// children with <see cref="AddComponent"/> in its constructor. Then, for each component:
/// <see cref="PrepareAsync"/>, then all its children start concurrently, then
/// <see cref="StartAsync"/>. Use <c>PrepareAsync</c> to publish what the children need and
/// <c>StartAsync</c> to take what they published.</para>
/// <para>Everything a component registers for teardown runs in reverse order when the application
/// stops, also when start-up failed half way.</para>
/// </remarks>
public abstract class Component
{
    private List<ChildComponent>? _children;
    private HashSet<string>? _aliases; // A root may have hundreds of children: no linear scan per add.
    private bool _started;

    /// <summary>The children added with <see cref="AddComponent"/>, in the order they were added.</summary>
    public IReadOnlyList<ChildComponent> Children => (IReadOnlyList<ChildComponent>?)_children ?? [];

    /// <summary>
    /// The path of this component in the tree (<c>app/web/db</c>), set when start-up reaches it;
    /// null before. Every log line and error about the component uses it.
    /// </summary>
    public string? Path { get; internal set; }

    /// <summary>Adds a child component. Call it from the constructor, before the application starts.</summary>
    /// <param name="alias">The child's name in the tree: an identifier, unique among this component's children.</param>
    /// <param name="component">The child.</param>
    /// <exception cref="ArgumentException">The alias is not an identifier, or a child already has it.</exception>
    /// <exception cref="InvalidOperationException">Start-up has already begun.</exception>
    public void AddComponent(string alias, Component component)
    {
        ResourceNames.Validate(alias, nameof(alias));
        ArgumentNullException.ThrowIfNull(component);
        if (_started)
        {
            throw new InvalidOperationException(
                $"Cannot add child component '{alias}' to '{Path}': children must be added before start-up begins (in the constructor).");
        }

        if (ReferenceEquals(component, this))
        {
            throw new ArgumentException("A component cannot be its own child.", nameof(component));
        }

        _children ??= [];
        _aliases ??= new HashSet<string>(StringComparer.Ordinal);
        if (!_aliases.Add(alias))
        {
            throw new ArgumentException($"There is already a child component named '{alias}'.", nameof(alias));
        }

        _children.Add(new ChildComponent(alias, component));
    }

    /// <summary>
    /// Runs before the children start. Publish here the resources that the children need.
    /// </summary>
    /// <param name="context">The application's context.</param>
    /// <param name="cancellationToken">Cancelled when start-up is abandoned (timeout, a failure elsewhere, a stop signal).</param>
    public virtual ValueTask PrepareAsync(Context context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Runs after the children started. Take their resources, publish your own, start service tasks.
    /// </summary>
    /// <param name="context">The application's context.</param>
    /// <param name="cancellationToken">Cancelled when start-up is abandoned (timeout, a failure elsewhere, a stop signal).</param>
    public virtual ValueTask StartAsync(Context context, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>
    /// Runs the prepare step: <see cref="PrepareAsync"/>, unless generated wiring overrides this
    /// because the component's own <c>PrepareAsync(Context, CancellationToken)</c> hides the base
    /// class's. Override <see cref="PrepareAsync"/> by hand, not this.
    /// </summary>
    /// <param name="context">The application's context.</param>
    /// <param name="cancellationToken">Cancelled when start-up is abandoned.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal virtual ValueTask InvokePrepareAsync(Context context, CancellationToken cancellationToken) =>
        PrepareAsync(context, cancellationToken);

    /// <summary>
    /// Runs the start step: <see cref="StartAsync"/>, unless generated wiring overrides this because
    /// the component's own <c>StartAsync(Context, CancellationToken)</c> hides the base class's.
    /// Override <see cref="StartAsync"/> by hand, not this.
    /// </summary>
    /// <param name="context">The application's context.</param>
    /// <param name="cancellationToken">Cancelled when start-up is abandoned.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    protected internal virtual ValueTask InvokeStartAsync(Context context, CancellationToken cancellationToken) =>
        StartAsync(context, cancellationToken);

    /// <summary>
    /// Binds the framework services its constructor took to the context when it starts. A delegate, not
    /// the services type: an application none of whose constructors takes a service then carries none
    /// of their code (a clock type roots time zones in a NativeAOT binary).
    /// </summary>
    internal Action<Context>? BindServices { get; set; }

    internal void MarkStarting() => _started = true;

    /// <summary>The reloadable options its constructor took (see <see cref="Reloadable{TOptions}"/>); the command line reloads them.</summary>
    internal List<IReloadableOptions>? ReloadableOptions { get; set; }
}

/// <summary>A child component and its alias.</summary>
/// <param name="Alias">The child's name in the tree.</param>
/// <param name="Component">The child.</param>
public sealed record ChildComponent(string Alias, Component Component);
