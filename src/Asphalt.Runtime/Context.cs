using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Asphalt;

/// <summary>
/// The shared space of an application: components publish typed, named resources into it, take
/// resources others published, and register teardown callbacks that run, in reverse order, when it
/// closes.
/// </summary>
/// <remarks>
/// <para><b>Visibility.</b> A child context sees its parent's resources through a live lookup of the
/// parent chain (Asphalt 4's model): a resource published in the parent after the child was created
/// is visible in the child, and a child may publish a resource of the same type and name as its
/// parent's, which then shadows the parent's for code using the child. This is what request- or
/// task-scoped contexts need, and it keeps lookups allocation-free.</para>
/// <para><b>Factories.</b> A value made by a resource factory is stored in the context through which
/// it was first requested (even if the factory was registered on a parent), so each context gets its
/// own instance, disposed when that context closes.</para>
/// <para>All members are thread-safe.</para>
/// </remarks>
public sealed partial class Context : IAsyncDisposable
{
    private static readonly AsyncLocal<Context?> CurrentContext = new();

    private readonly Lock _gate = new();
    private readonly ILogger _logger;
    private ContextState _state;
    private TaskCompletionSource? _closing;
    private Signal<ResourceEvent>? _resourceAdded;

    /// <summary>Creates a root context.</summary>
    /// <param name="loggerFactory">Where the context and the components log; no logging when null.</param>
    public Context(ILoggerFactory? loggerFactory = null)
        : this(null, loggerFactory)
    {
    }

    /// <summary>Creates a context whose lookups fall back to <paramref name="parent"/>.</summary>
    /// <param name="parent">The parent context, or null for a root context.</param>
    /// <param name="loggerFactory">Where to log; the parent's when null.</param>
    public Context(Context? parent, ILoggerFactory? loggerFactory = null)
        : this(parent, loggerFactory, isRunnerContext: false)
    {
        if (loggerFactory is not null)
        {
            RuntimeLogger.ForwardToForeignLoggers();
        }
    }

    // The runner's way in, which must not install forwarding (see RuntimeLogger): its factory is
    // either its own console logging or the one from ApplicationOptions, which installed it already.
    private Context(Context? parent, ILoggerFactory? loggerFactory, bool isRunnerContext)
    {
        Debug.Assert(!isRunnerContext || loggerFactory is not null, "The runner always has a logger factory.");
        Parent = parent;
        Root = parent?.Root ?? this;
        _drivesOwnLifetime = parent is null && !isRunnerContext;
        LoggerFactory = loggerFactory ?? parent?.LoggerFactory ?? NullLoggerFactory.Instance;

        // A child logging where its parent does shares its logger: CreateLogger takes the factory's lock,
        // and a web server makes a child context per request.
        _logger = parent is not null && LoggerFactory == parent.LoggerFactory ? parent._logger : LoggerFactory.CreateLogger("Asphalt.Context");
    }

    internal static Context CreateForRunner(ILoggerFactory loggerFactory) => new(null, loggerFactory, isRunnerContext: true);

    /// <summary>
    /// The context of the code that is running: the application's context inside components,
    /// service tasks and their callees.
    /// </summary>
    /// <exception cref="NoCurrentContextException">No context is current.</exception>
    public static Context Current => CurrentContext.Value ?? throw new NoCurrentContextException();

    /// <summary>The current context, or null if there is none.</summary>
    public static Context? CurrentOrNull => CurrentContext.Value;

    /// <summary>The parent context, or null for a root context.</summary>
    public Context? Parent { get; }

    /// <summary>The root of this context's chain (itself for a root context).</summary>
    public Context Root { get; }

    /// <summary>Where the context and the components that use it log.</summary>
    public ILoggerFactory LoggerFactory { get; }

    /// <summary>Whether the context is open, closing or closed.</summary>
    public ContextState State => _state;

    /// <summary>Dispatched whenever a resource or resource factory is added to this context.</summary>
    public Signal<ResourceEvent> ResourceAdded
    {
        get
        {
            if (_resourceAdded is null)
            {
                Interlocked.CompareExchange(ref _resourceAdded, Signal<ResourceEvent>.WithContextLogger("ResourceAdded", _logger), null);
            }

            return _resourceAdded;
        }
    }

    /// <summary>Set on the root by the application runner: where crashed service tasks are reported.</summary>
    internal Action<ServiceTaskFailedException>? ServiceTaskFailureHandler { get; set; }

    /// <summary>
    /// Set on the root by the application runner once start-up is over (to the start timeout): a
    /// resource wait longer than this logs a warning (see <see cref="SlowResourceWait"/>).
    /// </summary>
    internal TimeSpan? SlowResourceWaitWarning { get; set; }

    /// <summary>
    /// Makes this context <see cref="Current"/> for the calling code and everything it calls or
    /// starts, until the returned scope is disposed.
    /// </summary>
    /// <example><code>using var scope = context.MakeCurrent();</code></example>
    public CurrentContextScope MakeCurrent()
    {
        var previous = CurrentContext.Value;
        CurrentContext.Value = this;
        return new CurrentContextScope(previous);
    }

    /// <summary>Closes the context cleanly: runs teardown with no exception.</summary>
    public ValueTask DisposeAsync() => new(CloseAsync());

    /// <summary>The description of whoever is publishing right now, for conflict messages.</summary>
    /// <summary>Restores the previously current context when disposed.</summary>
    public readonly struct CurrentContextScope : IDisposable
    {
        private readonly Context? _previous;

        internal CurrentContextScope(Context? previous) => _previous = previous;

        /// <summary>Restores the context that was current before.</summary>
        public void Dispose() => CurrentContext.Value = _previous;
    }
}
