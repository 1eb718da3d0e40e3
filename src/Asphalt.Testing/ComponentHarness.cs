using Microsoft.Extensions.Logging;

namespace Asphalt.Testing;

/// <summary>
/// A component, or a tree of them, started for a test: in a context of its own, with stand-ins for
/// chosen resources, its log lines captured, and torn down when disposed.
/// </summary>
/// <example>
/// <code>
/// await using var app = await ComponentHarness.StartAsync(new ServerComponent(options), h => h.Override&lt;IClock&gt;(new FakeClock()));
/// var endpoint = app.Context.GetResource&lt;IPEndPoint&gt;("echo");
/// await app.WaitForLogAsync(line => line.Message.StartsWith("Echo server listening"));
/// </code>
/// </example>
public sealed class ComponentHarness : IAsyncDisposable
{
    private readonly LogCapture _logs;
    private readonly ILoggerFactory _loggerFactory;
    private readonly TimeSpan _waitTimeout;
    private Task? _stopped;

    private ComponentHarness(Context context, LogCapture logs, ILoggerFactory loggerFactory, TimeSpan waitTimeout)
    {
        Context = context;
        _logs = logs;
        _loggerFactory = loggerFactory;
        _waitTimeout = waitTimeout;
    }

    /// <summary>The context the components started in: get their resources, dispatch on their signals.</summary>
    public Context Context { get; }

    /// <summary>Every line logged so far, in order, each with the path of the component that logged it.</summary>
    public IReadOnlyList<CapturedLog> Logs => _logs.Lines;

    /// <summary>
    /// Starts <paramref name="root"/> and its children in a new context, after publishing the
    /// stand-ins that <paramref name="configure"/> chose (see <see cref="HarnessOptions.Override{T}"/>).
    /// </summary>
    /// <param name="root">The component under test, or the root of a tree.</param>
    /// <param name="configure">Chooses stand-ins, the start timeout, the root's alias, the log level.</param>
    /// <param name="cancellationToken">Abandons start-up.</param>
    /// <exception cref="ComponentStartException">A component failed to start; what had started was torn down.</exception>
    /// <exception cref="ComponentStartTimeoutException">The tree did not start within <see cref="HarnessOptions.StartTimeout"/>; what had started was torn down.</exception>
    public static async Task<ComponentHarness> StartAsync(Component root, Action<HarnessOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var options = new HarnessOptions();
        configure?.Invoke(options);
        var logs = new LogCapture();
        var loggerFactory = LoggerFactory.Create(builder => builder.SetMinimumLevel(options.MinimumLogLevel).AddProvider(logs));
        var context = new Context(loggerFactory);
        var harness = new ComponentHarness(context, logs, loggerFactory, options.WaitTimeout);
        try
        {
            foreach (var publish in options.Overrides)
            {
                publish(context);
            }

            await context.StartComponentAsync(root, options.StartTimeout, options.RootAlias, cancellationToken).ConfigureAwait(false);
            return harness;
        }
        catch (Exception error)
        {
            // Nothing that started may outlive the test; the start failure is what the test sees.
            await harness.StopCoreAsync(error).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            throw;
        }
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been logged, and returns it.</summary>
    /// <param name="match">What the line must look like.</param>
    /// <param name="timeout">How long to wait; <see cref="HarnessOptions.WaitTimeout"/> when null.</param>
    /// <exception cref="TimeoutException">No such line in time; the message lists what was logged.</exception>
    public Task<CapturedLog> WaitForLogAsync(Func<CapturedLog, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        return _logs.WaitForAsync(match, timeout ?? _waitTimeout);
    }

    /// <summary>Records every event dispatched on <paramref name="signal"/> from now until the harness stops.</summary>
    public SignalRecorder<TEvent> Record<TEvent>(Signal<TEvent> signal)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var recorder = new SignalRecorder<TEvent>(signal, _waitTimeout);
        Context.AddTeardown(recorder.Dispose, $"recording of signal '{signal.Name}'");
        return recorder;
    }

    /// <summary>Records the events of the signal the components published as resource <paramref name="name"/>.</summary>
    /// <exception cref="ResourceNotFoundException">No <c>Signal&lt;TEvent&gt;</c> of that name is published.</exception>
    public SignalRecorder<TEvent> Record<TEvent>(string name) => Record(Context.GetResource<Signal<TEvent>>(name));

    /// <summary>Tears the components down (teardown callbacks, service tasks, owned resources), once.</summary>
    /// <exception cref="TeardownException">A teardown step failed; every step ran.</exception>
    public Task StopAsync() => StopCoreAsync(null);

    /// <summary>Stops the components if <see cref="StopAsync"/> was not called; a teardown failure is thrown here too.</summary>
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private Task StopCoreAsync(Exception? error) => _stopped ??= StopOnceAsync(error);

    private async Task StopOnceAsync(Exception? error)
    {
        try
        {
            await Context.CloseAsync(error).ConfigureAwait(false);
        }
        finally
        {
            _loggerFactory.Dispose();
        }
    }
}
