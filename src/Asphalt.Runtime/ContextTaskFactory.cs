using Microsoft.Extensions.Logging;

namespace Asphalt;

/// <summary>
/// Starts ad-hoc tasks bound to a context (Asphalt 5's task factory): a task per connection or per
/// request, where <c>_ = HandleAsync(...)</c> would leave it to fail silently and outlive the
/// application. Each task gets a token that teardown cancels, runs with the context current and in
/// the log scope of the component that created the factory, meets its <see cref="TaskFailurePolicy"/>
/// if it throws, and is awaited by teardown. Create one with <see cref="Context.CreateTaskFactory"/>.
/// </summary>
/// <example>
/// <code>
/// var connections = context.CreateTaskFactory("connections", TaskFailurePolicy.Log);
/// ...
/// connections.StartTask($"client {remote}", ct => HandleAsync(client, ct));
/// </code>
/// </example>
public sealed class ContextTaskFactory
{
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _running = []; // Under _gate; a task removes itself when it ends.
    private readonly CancellationTokenSource _stop = new();
    private readonly Context _context;
    private readonly ComponentNode? _owner;
    private readonly ILogger _logger;
    private readonly List<ServiceTaskFailedException> _unreportedCrashes = []; // Under _gate.
    private bool _closed; // Under _gate.

    private ContextTaskFactory(Context context, string name, TaskFailurePolicy failurePolicy)
    {
        _context = context;
        _owner = ComponentNode.Current;
        Name = name;
        FailurePolicy = failurePolicy;
        _logger = context.LoggerFactory.CreateLogger("Asphalt.TaskFactory");
    }

    /// <summary>The factory's name, used in log messages.</summary>
    public string Name { get; }

    /// <summary>What a failing task does unless it was started with a policy of its own.</summary>
    public TaskFailurePolicy FailurePolicy { get; }

    /// <summary>How many of its tasks are running.</summary>
    public int RunningCount
    {
        get
        {
            lock (_gate)
            {
                return _running.Count;
            }
        }
    }

    internal static ContextTaskFactory Create(Context context, string name, TaskFailurePolicy failurePolicy)
    {
        ThrowIfRestart(failurePolicy);
        var factory = new ContextTaskFactory(context, name, failurePolicy);
        context.AddTeardown(_ => factory.CloseAsync(), $"tasks of task factory '{name}'");
        return factory;
    }

    /// <summary>
    /// Starts <paramref name="work"/> on the thread pool. A failure goes to the policy; teardown
    /// cancels the token and waits for the work to end.
    /// </summary>
    /// <param name="name">The task's name, used in log messages (a client's address, say).</param>
    /// <param name="work">The work; it should end when the token is cancelled.</param>
    /// <param name="failurePolicy">This task's policy (<see cref="TaskFailurePolicy.StopApplication"/> or
    /// <see cref="TaskFailurePolicy.Log"/>); the factory's when null.</param>
    /// <exception cref="InvalidOperationException">Teardown has already closed the factory.</exception>
    public FactoryTask StartTask(string name, Func<CancellationToken, Task> work, TaskFailurePolicy? failurePolicy = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(work);
        var policy = failurePolicy ?? FailurePolicy;
        ThrowIfRestart(policy);
        var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? self = null; // Set before `registered` lets the task run.
        var task = Task.Run(async () =>
        {
            await registered.Task.ConfigureAwait(false);
            try
            {
                await RunAsync(name, work, policy).ConfigureAwait(false);
            }
            finally
            {
                lock (_gate)
                {
                    _running.Remove(self!);
                }
            }
        });
        self = task;
        lock (_gate)
        {
            if (_closed)
            {
                registered.SetCanceled();
                throw new InvalidOperationException(
                    $"Cannot start task '{name}': task factory '{Name}' of {TaskFailures.DescribeOwner(_owner?.Path)} is closed (its context is being torn down).");
            }

            _running.Add(task);
        }

        registered.SetResult(); // Only now: the set holds the task before it can end and remove itself.
        return new FactoryTask(name, task);
    }

    private async Task RunAsync(string name, Func<CancellationToken, Task> work, TaskFailurePolicy policy)
    {
        ComponentNode.Current = _owner?.ForServiceTask(); // Flows into this task only.
        using var current = _context.MakeCurrent();
        using var scope = _owner is null ? null : RuntimeLogger.BeginComponentScope(_logger, _owner.Path);
        try
        {
            await work(_stop.Token).ConfigureAwait(false);
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // Stopped by teardown: a normal end.
        }
        catch (Exception error)
        {
            var failure = new ServiceTaskFailedException(name, $"task factory '{Name}' of {TaskFailures.DescribeOwner(_owner?.Path)}", error);
            if (!TaskFailures.Report(_context, _logger, failure, Name, _owner?.Path, policy) && policy == TaskFailurePolicy.StopApplication)
            {
                // No application to stop (a plain context, a test harness): teardown reports it, as it does a service task's.
                lock (_gate)
                {
                    _unreportedCrashes.Add(failure);
                }
            }
        }
    }

    private async ValueTask CloseAsync()
    {
        Task[] running;
        lock (_gate)
        {
            _closed = true;
            running = [.. _running];
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(running).ConfigureAwait(false); // Never faults: RunAsync handles every failure.
        _stop.Dispose();
        ServiceTaskFailedException[] crashes;
        lock (_gate)
        {
            crashes = [.. _unreportedCrashes];
        }

        if (crashes.Length > 0)
        {
            throw crashes.Length == 1 ? crashes[0] : new AggregateException(crashes);
        }
    }

    private static void ThrowIfRestart(TaskFailurePolicy policy)
    {
        if (policy == TaskFailurePolicy.Restart)
        {
            throw new ArgumentException("A task factory's tasks cannot be restarted (what would restart a connection?): use StopApplication or Log.", nameof(policy));
        }
    }
}
