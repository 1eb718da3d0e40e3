namespace Asphalt;

/// <summary>
/// The life of an application, shared by its whole context tree (<see cref="Context.Lifetime"/>): lets a
/// component stop the application with an exit code, tells when it started, is stopping and stopped
/// (tokens, as <c>IHostApplicationLifetime</c>), and derives liveness and readiness from the tree.
/// </summary>
/// <remarks>
/// <para><b>States</b> go one way: <see cref="ApplicationState.Starting"/> → <see cref="ApplicationState.Running"/>
/// once every component started → <see cref="ApplicationState.Stopping"/> when teardown begins (also
/// after a failed start, which skips Running) → <see cref="ApplicationState.Stopped"/>. Each token is
/// cancelled on entering its state, so callbacks registered on them run in that order.</para>
/// <para><b>Liveness</b> fails only once a service task has crashed (the application then stops with
/// exit code 1). <b>Readiness</b> passes only while the application runs, no service task has crashed and
/// every check added with <see cref="AddHealthCheck"/> reports healthy: not ready while starting and
/// from the moment teardown begins.</para>
/// <para>The application runner (<see cref="Application.RunAsync"/>) drives the states; pass your own
/// instance in <see cref="ApplicationOptions.Lifetime"/> to watch it from outside. A root context created by
/// hand (<c>new Context()</c>) gets its own, driven by the context itself: Running once
/// <see cref="Context.StartComponentAsync"/> returns, Stopping when <see cref="Context.CloseAsync"/> begins,
/// Stopped when it finished.</para>
/// </remarks>
/// <example>
/// <code>
/// public Task StartAsync(Context context)
/// {
///     context.Lifetime.AddHealthCheck("app/db", async ct => await db.PingAsync(ct) ? ComponentHealth.Healthy() : ComponentHealth.Unhealthy("no answer"));
///     if (nothingToDo) context.Lifetime.StopApplication(exitCode: 3);
///     return Task.CompletedTask;
/// }
/// </code>
/// </example>
public sealed class ApplicationLifetime
{
    private readonly CancellationTokenSource _started = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly CancellationTokenSource _stopped = new();
    private readonly CancellationTokenSource _stopRequested = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Func<CancellationToken, ValueTask<ComponentHealth>>> _checks = new(StringComparer.Ordinal);
    private volatile ApplicationState _state;
    private int? _requestedExitCode;
    private ServiceTaskFailedException? _crash;

    /// <summary>The application's state.</summary>
    public ApplicationState State => _state;

    /// <summary>Cancelled once every component started.</summary>
    public CancellationToken Started => _started.Token;

    /// <summary>Cancelled when teardown begins (after a stop request, a signal, a failure, or the end of a run-to-exit root).</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Cancelled when teardown has finished.</summary>
    public CancellationToken Stopped => _stopped.Token;

    /// <summary>Cancelled by the first <see cref="StopApplication"/>; the runner stops on it.</summary>
    public CancellationToken StopRequested => _stopRequested.Token;

    /// <summary>The exit code of the first <see cref="StopApplication"/> call, or null if none was made.</summary>
    public int? RequestedExitCode
    {
        get
        {
            lock (_gate)
            {
                return _requestedExitCode;
            }
        }
    }

    /// <summary>The first service task crash, or null. The application stops because of it.</summary>
    public ServiceTaskFailedException? Crash => Volatile.Read(ref _crash);

    /// <summary>
    /// Why start-up failed, in the words the runner logged (<c>Start-up failed: Component 'app/db' …</c>
    /// or the start timeout's report), or null if it did not fail.
    /// </summary>
    public string? StartFailure { get; private set; }

    /// <summary>The exit code the runner returned, once <see cref="State"/> is <see cref="ApplicationState.Stopped"/>.</summary>
    public int? ExitCode { get; private set; }

    /// <summary>The application's root context, once the runner created it (null before, and for a lifetime not run yet).</summary>
    public Context? Context { get; internal set; }

    /// <summary>
    /// Asks the application to stop, as SIGTERM does: teardown runs and the process exits with
    /// <paramref name="exitCode"/> (unless a failure makes it 1; outside 0–127 it becomes 1 with a warning).
    /// The first request's code counts; later calls change nothing. Works during start-up too.
    /// </summary>
    /// <param name="exitCode">The exit code to exit with (default 0).</param>
    public void StopApplication(int exitCode = Application.ExitSuccess)
    {
        lock (_gate)
        {
            if (_requestedExitCode is not null)
            {
                return;
            }

            _requestedExitCode = exitCode;
        }

        _stopRequested.Cancel();
    }

    /// <summary>
    /// Adds a check that readiness runs while the application runs (a component's database ping, say).
    /// A check that throws counts as unhealthy (reported by exception type only: its message may hold a secret).
    /// </summary>
    /// <param name="name">The check's name in reports; by convention the component path (<c>app/db</c>). Unique.</param>
    /// <param name="check">The check; it should finish quickly and honour the token.</param>
    /// <exception cref="ArgumentException">A check with that name exists already.</exception>
    public void AddHealthCheck(string name, Func<CancellationToken, ValueTask<ComponentHealth>> check)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(check);
        lock (_gate)
        {
            if (!_checks.TryAdd(name, check))
            {
                throw new ArgumentException($"A health check named '{name}' was added already; give each check its own name (the component path, say).", nameof(name));
            }
        }
    }

    /// <summary>Liveness: healthy unless a service task crashed.</summary>
    public ApplicationHealth CheckLiveness()
    {
        var state = _state;
        return Crash is { } crash
            ? new ApplicationHealth(false, state, CrashDescription(crash), EmptyChecks)
            : new ApplicationHealth(true, state, $"Alive ({Describe(state)})", EmptyChecks);
    }

    /// <summary>Readiness: healthy only while the application runs, nothing crashed and every added check is healthy.</summary>
    /// <param name="cancellationToken">Cancels the components' checks.</param>
    public async ValueTask<ApplicationHealth> CheckReadinessAsync(CancellationToken cancellationToken = default)
    {
        var state = _state;
        if (Crash is { } crash)
        {
            return new ApplicationHealth(false, state, CrashDescription(crash), EmptyChecks);
        }

        if (state != ApplicationState.Running)
        {
            return new ApplicationHealth(false, state, $"Not ready: the application is {Describe(state)}", EmptyChecks);
        }

        KeyValuePair<string, Func<CancellationToken, ValueTask<ComponentHealth>>>[] checks;
        lock (_gate)
        {
            checks = [.. _checks];
        }

        var results = new SortedDictionary<string, ComponentHealth>(StringComparer.Ordinal);
        foreach (var (name, check) in checks)
        {
            try
            {
                results[name] = await check(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                results[name] = ComponentHealth.Unhealthy($"The check threw {error.GetType().Name}");
            }
        }

        var failing = results.Where(r => !r.Value.IsHealthy).Select(r => r.Key).ToList();
        var description = failing.Count == 0
            ? "Ready"
            : $"Not ready: {string.Join(", ", failing.Select(n => $"'{n}'"))} reported unhealthy";

        // The state may have moved on while the checks ran: a stop that began meanwhile wins.
        return _state == ApplicationState.Running
            ? new ApplicationHealth(failing.Count == 0, ApplicationState.Running, description, results)
            : new ApplicationHealth(false, _state, $"Not ready: the application is {Describe(_state)}", results);
    }

    internal void NotifyStarted() => MoveTo(ApplicationState.Running, _started);

    internal void NotifyStopping() => MoveTo(ApplicationState.Stopping, _stopping);

    internal void NotifyStopped(int exitCode)
    {
        ExitCode ??= exitCode; // The first close's code: a hand-made root's later CloseAsync calls report the same close.
        MoveTo(ApplicationState.Stopped, _stopped);
    }

    internal void ReportStartFailure(string text) => StartFailure ??= text;

    internal void ReportCrash(ServiceTaskFailedException crash) => Interlocked.CompareExchange(ref _crash, crash, null);

    // States only go forward; a state's token is cancelled once, after the state is visible.
    private void MoveTo(ApplicationState state, CancellationTokenSource entered)
    {
        lock (_gate)
        {
            if (_state >= state)
            {
                return;
            }

            _state = state;
        }

        entered.Cancel();
    }

    private static string CrashDescription(ServiceTaskFailedException crash) =>
        $"Service task '{crash.TaskName}' of {crash.Component} crashed";

    private static string Describe(ApplicationState state) => state switch
    {
        ApplicationState.Starting => "starting",
        ApplicationState.Running => "running",
        ApplicationState.Stopping => "stopping",
        _ => "stopped",
    };

    private static readonly IReadOnlyDictionary<string, ComponentHealth> EmptyChecks = new Dictionary<string, ComponentHealth>();
}
