using Asphalt.Trees;

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
    public ServiceTask StartServiceTask(string name, Func<CancellationToken, Task> work) => StartServiceTask(name, work, null);

    /// <summary>
    /// Starts a long-running task bound to this context, stopped and handled as <paramref name="options"/> say
    /// (teardown action, failure policy: see <see cref="TaskFailurePolicy"/>).
    /// </summary>
    /// <param name="name">The task's name, used in log messages.</param>
    /// <param name="work">The work; it should end when the token is cancelled (or when its teardown action asks).</param>
    /// <param name="options">Teardown action and failure policy; the defaults when null.</param>
    public ServiceTask StartServiceTask(string name, Func<CancellationToken, Task> work, ServiceTaskOptions? options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        return ServiceTask.Start(this, name, (_, token) => work(token), options, readyAtOnce: true);
    }

    /// <summary>
    /// Starts a service task that says when it is ready (Asphalt 5's <c>task_status.started()</c>), and
    /// completes once it has called <see cref="ServiceTaskStatus.SetReady"/>. Await it in a start step:
    /// the component then counts as started only once its task is ready, and a task that never gets
    /// ready runs into the start timeout, whose report names it.
    /// </summary>
    /// <param name="name">The task's name, used in log messages and in the start-timeout report.</param>
    /// <param name="work">The work: calls <c>status.SetReady()</c> once it serves, then runs until the token is cancelled.</param>
    /// <param name="options">Teardown action and failure policy; the defaults when null.</param>
    /// <param name="cancellationToken">Stops waiting for readiness (pass the start step's token).</param>
    /// <exception cref="ServiceTaskFailedException">The task failed before it was ready.</exception>
    /// <exception cref="InvalidOperationException">The task ended before it said it was ready.</exception>
    public async Task<ServiceTask> StartServiceTaskAsync(
        string name, Func<ServiceTaskStatus, CancellationToken, Task> work, ServiceTaskOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        var task = ServiceTask.Start(this, name, work, options, readyAtOnce: false);
        var node = ComponentNode.Current;
        node?.BeginTaskWait(name);
        try
        {
            await task.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            node?.EndTaskWait(name);
        }

        return task;
    }

    /// <summary>
    /// Creates a task factory bound to this context, for ad-hoc tasks (one per connection or
    /// request): teardown cancels and awaits every task still running. Publish it as a resource to
    /// let other components start tasks in it.
    /// </summary>
    /// <param name="name">The factory's name, used in log messages.</param>
    /// <param name="failurePolicy">What a failing task does, unless it is started with its own policy:
    /// <see cref="TaskFailurePolicy.StopApplication"/> or <see cref="TaskFailurePolicy.Log"/>.</param>
    public ContextTaskFactory CreateTaskFactory(string name, TaskFailurePolicy failurePolicy = TaskFailurePolicy.StopApplication)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return ContextTaskFactory.Create(this, name, failurePolicy);
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
    /// <para>On a root context made by hand (not the runner's), a successful start moves
    /// <see cref="Lifetime"/> to <see cref="ApplicationState.Running"/>, so readiness passes as it does under
    /// the runner; closing the context moves it to Stopping, then Stopped.</para>
    /// </remarks>
    public Task StartComponentAsync(Component root, TimeSpan? timeout = null, string rootAlias = TreeRules.RootAlias, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ResourceNames.Validate(rootAlias, nameof(rootAlias));
        var start = ComponentStarter.StartAsync(this, root, rootAlias, timeout, cancellationToken);
        return _drivesOwnLifetime ? MarkStartedAfterAsync(start) : start;
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
