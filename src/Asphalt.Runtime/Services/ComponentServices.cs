using System.ComponentModel;
using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// The framework services a component's constructor takes (<c>ILogger&lt;T&gt;</c>, <c>ILogger</c>,
/// <c>ILoggerFactory</c>, <c>TimeProvider</c>). A component is constructed before any context exists,
/// so these stand in for the context's own: they are bound to it when the component begins to start.
/// </summary>
/// <remarks>
/// Public so generated code can use it; not meant to be used by hand.
/// <para>What a constructor logs before the component starts is kept (up to
/// <see cref="DeferredLogger.MaxPendingEntries"/> entries per logger) and written once the context's
/// logger factory is known. The clock is the <see cref="System.TimeProvider"/> resource published
/// when the component begins to start (in an ancestor's prepare step, say), else the system clock.</para>
/// </remarks>
/// <example>
/// <code>
/// var services = new ComponentServices();
/// var component = new Web(new Logger&lt;Web&gt;(services.LoggerFactory), services.TimeProvider);
/// services.AttachTo(component);
/// </code>
/// </example>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ComponentServices
{
    private readonly DeferredLoggerFactory _loggerFactory = new();
    private readonly DeferredTimeProvider _timeProvider = new();

    /// <summary>A logger factory that writes through the context's once the component starts.</summary>
    public ILoggerFactory LoggerFactory => _loggerFactory;

    /// <summary>A clock that is the context's once the component starts, the system clock before.</summary>
    public TimeProvider TimeProvider => _timeProvider;

    /// <summary>Binds these services to the context of <paramref name="component"/> when it begins to start.</summary>
    /// <param name="component">The component whose constructor took them.</param>
    public void AttachTo(Component component)
    {
        ArgumentNullException.ThrowIfNull(component);
        component.BindServices = Bind;
    }

    internal void Bind(Context context)
    {
        _loggerFactory.Bind(context.LoggerFactory);
        // Only a published clock: binding runs on the start-up path, where running a factory could block.
        _timeProvider.Bind(context.TryGetPublished(typeof(TimeProvider), ResourceKey.DefaultName, out var clock) ? (TimeProvider)clock : TimeProvider.System);
    }
}
