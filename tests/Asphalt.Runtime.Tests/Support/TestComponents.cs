namespace Asphalt.Runtime.Tests.Support;

/// <summary>A component built from delegates, so each test states exactly what its components do.</summary>
public sealed class LambdaComponent(
    Func<Context, CancellationToken, ValueTask>? start = null,
    Func<Context, CancellationToken, ValueTask>? prepare = null) : Component
{
    public override ValueTask PrepareAsync(Context context, CancellationToken cancellationToken) =>
        prepare?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask;

    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken) =>
        start?.Invoke(context, cancellationToken) ?? ValueTask.CompletedTask;

    public LambdaComponent With(string alias, Component child)
    {
        AddComponent(alias, child);
        return this;
    }
}

/// <summary>A run-to-exit root built from a delegate.</summary>
public sealed class LambdaCliComponent(Func<Context, CancellationToken, Task<int?>> run) : CliApplicationComponent
{
    public override Task<int?> RunAsync(Context context, CancellationToken cancellationToken) => run(context, cancellationToken);
}

/// <summary>Records the order of events across components and callbacks.</summary>
public sealed class EventLog
{
    private readonly List<string> _events = [];

    public IReadOnlyList<string> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public void Add(string entry)
    {
        lock (_events)
        {
            _events.Add(entry);
        }
    }
}

public interface IGreeter
{
    string Greet(string name);
}

public sealed class Greeter(string greeting = "Hello") : IGreeter
{
    public string Greet(string name) => $"{greeting}, {name}";
}

public sealed class TrackedDisposable(EventLog log, string name) : IDisposable
{
    public void Dispose() => log.Add($"dispose {name}");
}

public sealed class TrackedAsyncDisposable(EventLog log, string name) : IAsyncDisposable, IDisposable
{
    public ValueTask DisposeAsync()
    {
        log.Add($"dispose-async {name}");
        return ValueTask.CompletedTask;
    }

    public void Dispose() => log.Add($"dispose-sync {name}");
}
