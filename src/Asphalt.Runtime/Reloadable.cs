using System.ComponentModel;
using Asphalt.Configuration;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

/// <summary>
/// Options a component can receive again while the application runs: take <c>Reloadable&lt;TOptions&gt;</c>
/// instead of <c>TOptions</c> in the constructor. The generator binds and validates <typeparamref name="TOptions"/>
/// from the component's section exactly as for a plain options parameter; when <c>run -c FILE</c> sees a
/// configuration file change, the section is bound and validated again and, if it is valid and differs,
/// becomes <see cref="Current"/> and is dispatched through <see cref="Changed"/>. An invalid new section is
/// logged and <see cref="Current"/> stays. Like <c>IOptionsMonitor&lt;T&gt;</c>'s <c>CurrentValue</c> and <c>OnChange</c>.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
/// <example>
/// <code>
/// [Component("greeter")]
/// public sealed partial class Greeter(Reloadable&lt;GreeterOptions&gt; options)
/// {
///     public void Start(Context context) =>
///         options.Changed.Connect(o => context.LoggerFactory.CreateLogger("greeter").LogInformation("greeting is now {Text}", o.Text));
/// }
/// </code>
/// </example>
public sealed class Reloadable<TOptions> : IReloadableOptions
{
    private readonly string? _sectionPath;
    private readonly Func<IConfiguration, ConfigurationProblems, TOptions>? _bind;
    private volatile Holder _current;

    /// <summary>Options whose value never changes: for a component created in code, or a test.</summary>
    /// <param name="value">The value <see cref="Current"/> returns.</param>
    public Reloadable(TOptions value)
        : this(value, null, null, null)
    {
    }

    private Reloadable(TOptions value, string? sectionPath, string? snapshot, Func<IConfiguration, ConfigurationProblems, TOptions>? bind)
    {
        _current = new Holder(value, snapshot ?? "");
        _sectionPath = sectionPath;
        _bind = bind;
    }

    /// <summary>The validated value in force: the one bound at start, or the last accepted reload.</summary>
    public TOptions Current => _current.Value;

    /// <summary>Dispatched with each accepted new value, after <see cref="Current"/> has become it.</summary>
    public Signal<TOptions> Changed { get; } = new(nameof(Changed));

    /// <summary>
    /// Options bound from <paramref name="section"/> by generated code, which <paramref name="bind"/> binds and
    /// validates again on reload. Public for generated code; not meant to be called by hand.
    /// </summary>
    /// <param name="value">The value bound at start.</param>
    /// <param name="section">The component's section; null for a component created without configuration (the value never changes).</param>
    /// <param name="bind">The generated binding of the section: unknown keys, conversion and validation, problems collected.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Reloadable<TOptions> FromConfiguration(TOptions value, IConfiguration? section, Func<IConfiguration, ConfigurationProblems, TOptions> bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        return section is null
            ? new Reloadable<TOptions>(value)
            : new Reloadable<TOptions>(value, (section as IConfigurationSection)?.Path ?? "", ReloadableSection.Snapshot(section), bind);
    }

    /// <summary>Lets the command line find these options in <paramref name="component"/>'s tree. Public for generated code.</summary>
    /// <param name="component">The component whose constructor took them.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public void AttachTo(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        (component.ReloadableOptions ??= []).Add(this);
    }

    string? IReloadableOptions.SectionPath => _bind is null ? null : _sectionPath;

    async ValueTask<ReloadOutcome> IReloadableOptions.ReloadAsync(IConfigurationSection section)
    {
        var snapshot = ReloadableSection.Snapshot(section);
        if (_bind is null || snapshot == _current.Snapshot)
        {
            return ReloadOutcome.Unchanged; // A watcher that fires twice for one write does not reload twice.
        }

        var problems = new ConfigurationProblems();
        var value = _bind(section, problems);
        problems.ThrowIfAny();
        _current = new Holder(value, snapshot);
        await Changed.DispatchAsync(value).ConfigureAwait(false);
        return ReloadOutcome.Changed;
    }

    // One object, so a reader never sees a value with another value's snapshot (and TOptions may be a struct).
    private sealed record Holder(TOptions Value, string Snapshot);
}
