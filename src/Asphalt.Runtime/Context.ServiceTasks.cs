namespace Asphalt;

// Service tasks and starting a component tree in this context.
public sealed partial class Context
{
    private List<AbandonedStart>? _abandonedStarts; // Under _gate.

    /// <summary>
    /// Starts a long-running task bound to this context. Teardown cancels its token and waits for it.
    /// If it throws while the application runs, the application logs the crash and stops with exit code 1.
    /// </summary>
    /// <param name="name">The task's name, used in log messages.</param>
    /// <param name="work">The work; it should end when the token is cancelled.</param>
    public ServiceTask StartServiceTask(string name, Func<CancellationToken, Task> work)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        return ServiceTask.Start(this, name, work);
    }

    /// <summary>
    /// Starts a component tree in this context: for each component, prepare, then its children
    /// concurrently, then start. Components share this context's resource space and register their
    /// teardown here, so closing the context tears down everything that started, in reverse order.
    /// </summary>
    /// <param name="root">The root component; its children were added in constructors.</param>
    /// <param name="timeout">How long start-up may take; null for no limit.</param>
    /// <param name="rootAlias">The root's name in component paths (<c>app</c> gives <c>app/web/db</c>).</param>
    /// <param name="cancellationToken">Abandons start-up.</param>
    /// <exception cref="ComponentStartException">A component failed; the others were cancelled.</exception>
    /// <exception cref="ComponentStartTimeoutException">The tree did not start in time; the message shows what was still starting.</exception>
    /// <remarks>
    /// <para>Steps run on the thread pool, so the timeout and <paramref name="cancellationToken"/> take
    /// effect on time even while a step blocks its thread or ignores its token. Such a step is then
    /// abandoned: it is cancelled, and this method throws without waiting for it.</para>
    /// <para>On failure, close the context (with the exception) to tear down what had started. The close
    /// first waits for an abandoned step to return, so that what it publishes or registers late is torn
    /// down too (the application runner bounds that wait with its stop timeout).</para>
    /// </remarks>
    public Task StartComponentAsync(Component root, TimeSpan? timeout = null, string rootAlias = "app", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ResourceNames.Validate(rootAlias, nameof(rootAlias));
        return ComponentStarter.StartAsync(this, root, rootAlias, timeout, cancellationToken);
    }

    /// <summary>Remembers a start-up that was given up on while steps still ran; the close waits for it.</summary>
    internal void RecordAbandonedStart(AbandonedStart start)
    {
        lock (_gate)
        {
            (_abandonedStarts ??= []).Add(start);
        }
    }

    // Taken once: the first close waits for them.
    private List<AbandonedStart>? TakeAbandonedStarts()
    {
        lock (_gate)
        {
            var taken = _abandonedStarts;
            _abandonedStarts = null;
            return taken;
        }
    }
}
