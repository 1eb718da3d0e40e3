namespace Asphalt;

/// <summary>
/// A task started by a <see cref="ContextTaskFactory"/>. Not awaitable itself, so that starting one
/// and going on (the usual case: an accept loop) needs no discard; await <see cref="Completion"/>
/// to wait for it.
/// </summary>
public sealed class FactoryTask
{
    internal FactoryTask(string name, Task completion)
    {
        Name = name;
        Completion = completion;
    }

    /// <summary>The task's name, used in log messages.</summary>
    public string Name { get; }

    /// <summary>Completes when the task ends; never faults, since a failure goes to the task's policy.</summary>
    public Task Completion { get; }
}
