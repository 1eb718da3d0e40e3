using Asphalt.Trees;

namespace Asphalt;

/// <summary>
/// Start-up state of one component in the tree: its path, phase and the resource it waits for.
/// The node of the component whose code is running flows with the async call (<see cref="Current"/>),
/// so resource waits, teardown callbacks and service tasks know which component they belong to.
/// </summary>
internal sealed class ComponentNode
{
    private static readonly AsyncLocal<ComponentNode?> CurrentNode = new();

    // Every wait in progress, in start order: a step may await several resources at once.
    private readonly List<ResourceKey> _waits = [];
    private List<string>? _taskWaits; // Under _waits' lock.

    private ComponentNode(Component component, string path, int depth)
    {
        Component = component;
        Path = path;
        Depth = depth;
    }

    public static ComponentNode? Current
    {
        get => CurrentNode.Value;
        set => CurrentNode.Value = value;
    }

    public Component Component { get; }

    public string Path { get; }

    public int Depth { get; }

    public string ComponentType => TypeNames.Display(Component.GetType());

    public List<ComponentNode> Children { get; } = [];

    public volatile ComponentPhase Phase;

    /// <summary>The most recently started wait that is still in progress, for the start-timeout report.</summary>
    public ResourceKey? WaitingFor
    {
        get
        {
            lock (_waits)
            {
                return _waits.Count == 0 ? null : _waits[^1];
            }
        }
    }

    /// <summary>The service task this component's step waits to get ready, for the start-timeout report.</summary>
    public string? WaitingForTask
    {
        get
        {
            lock (_waits)
            {
                return _taskWaits is { Count: > 0 } ? _taskWaits[^1] : null;
            }
        }
    }

    public void BeginTaskWait(string task)
    {
        lock (_waits)
        {
            (_taskWaits ??= []).Add(task);
        }
    }

    public void EndTaskWait(string task)
    {
        lock (_waits)
        {
            _taskWaits?.Remove(task);
        }
    }

    public void BeginWait(ResourceKey key)
    {
        lock (_waits)
        {
            _waits.Add(key);
        }
    }

    public void EndWait(ResourceKey key)
    {
        lock (_waits)
        {
            _waits.Remove(key);
        }
    }

    /// <summary>
    /// A node for a service task the component started: same component and path (what it publishes
    /// and registers is the component's), but outside the tree, so the task's waits never show up
    /// as the component's start-up waits in a start-timeout report.
    /// </summary>
    public ComponentNode ForServiceTask() => new(Component, Path, Depth) { Phase = ComponentPhase.Started };

    /// <summary>
    /// A node for the root's <see cref="CliApplicationComponent.RunAsync"/>, after start-up: what it
    /// waits for, registers and starts belongs to the root component.
    /// </summary>
    public static ComponentNode ForRun(Component root) => new(root, root.Path ?? TreeRules.RootAlias, 0) { Phase = ComponentPhase.Started };

    /// <summary>Builds the node tree for <paramref name="root"/>, rejecting a component that appears twice.</summary>
    public static ComponentNode Build(Component root, string rootAlias)
    {
        var seen = new HashSet<Component>(ReferenceEqualityComparer.Instance);
        return Build(root, rootAlias, 0, seen);
    }

    private static ComponentNode Build(Component component, string path, int depth, HashSet<Component> seen)
    {
        if (!seen.Add(component))
        {
            throw new InvalidOperationException(
                $"The same {TypeNames.Display(component.GetType())} instance appears twice in the component tree (again at '{path}'). Give each place its own instance.");
        }

        component.MarkStarting();
        component.Path = path;
        var node = new ComponentNode(component, path, depth);
        foreach (var child in component.Children)
        {
            node.Children.Add(Build(child.Component, $"{path}/{child.Alias}", depth + 1, seen));
        }

        return node;
    }

    /// <summary>How many components this node's tree has, itself included.</summary>
    public int CountNodes()
    {
        var count = 1;
        foreach (var child in Children)
        {
            count += child.CountNodes();
        }

        return count;
    }

    /// <summary>The nodes that have not started, parents before children.</summary>
    public void CollectPending(List<PendingComponent> pending)
    {
        if (Phase == ComponentPhase.Started)
        {
            return;
        }

        pending.Add(new PendingComponent(Path, ComponentType, Phase, WaitingFor, Depth) { WaitingForTask = WaitingForTask });
        foreach (var child in Children)
        {
            child.CollectPending(pending);
        }
    }
}
