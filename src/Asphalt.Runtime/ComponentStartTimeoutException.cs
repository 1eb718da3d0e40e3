using System.Text;

namespace Asphalt;

/// <summary>
/// The component tree did not finish starting within the start timeout. The message prints every
/// component still starting, with its phase and the resource it is waiting for.
/// </summary>
public sealed class ComponentStartTimeoutException : TimeoutException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="timeout">The start timeout that ran out.</param>
    /// <param name="pending">The components that had not started, in tree order.</param>
    public ComponentStartTimeoutException(TimeSpan timeout, IReadOnlyList<PendingComponent> pending)
        : base(FormatMessage(timeout, pending))
    {
        Timeout = timeout;
        PendingComponents = pending;
    }

    /// <summary>The start timeout that ran out.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>The components that had not started, in tree order (parents before children).</summary>
    public IReadOnlyList<PendingComponent> PendingComponents { get; }

    private static string FormatMessage(TimeSpan timeout, IReadOnlyList<PendingComponent> pending)
    {
        var text = new StringBuilder()
            .Append("Timed out after ").Append(timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture))
            .AppendLine(" s waiting for the component tree to start. Components still starting:");
        foreach (var component in pending)
        {
            text.Append(' ', 2 + (2 * component.Depth))
                .Append(component.Path).Append(" (").Append(component.ComponentType).Append("): ")
                .Append(component.Phase.Describe());
            if (component.WaitingFor is { } key)
            {
                text.Append(", waiting for resource ").Append(key);
            }

            if (component.WaitingForTask is { } task)
            {
                text.Append(", waiting for service task '").Append(task).Append("' to be ready");
            }

            text.AppendLine();
        }

        return text.Append("Make sure a component publishes every resource waited for, or raise the start timeout.").ToString();
    }
}

/// <summary>A component that had not finished starting when the start timeout ran out.</summary>
/// <param name="Path">The component's path in the tree.</param>
/// <param name="ComponentType">The component's type name.</param>
/// <param name="Phase">How far its start-up got.</param>
/// <param name="WaitingFor">The resource it was waiting for, if it was waiting for one.</param>
/// <param name="Depth">Its depth in the tree (0 for the root).</param>
public sealed record PendingComponent(string Path, string ComponentType, ComponentPhase Phase, ResourceKey? WaitingFor, int Depth)
{
    /// <summary>The service task whose readiness it was waiting for, if any.</summary>
    public string? WaitingForTask { get; init; }

    /// <summary>The component, its phase and what it waits for, as the timeout report words it.</summary>
    // Written out rather than the record's generated members, which format and compare the enum
    // through Enum.ToString and EqualityComparer<ComponentPhase>, and so bring enum reflection
    // metadata and formatting into every NativeAOT application.
    public bool Equals(PendingComponent? other) =>
        other is not null && Path == other.Path && ComponentType == other.ComponentType && Phase == other.Phase
        && Nullable.Equals(WaitingFor, other.WaitingFor) && Depth == other.Depth && WaitingForTask == other.WaitingForTask;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Path, ComponentType, (int)Phase, WaitingFor, Depth, WaitingForTask);

    /// <inheritdoc/>
    public override string ToString() =>
        WaitingFor is { } resource
            ? $"{Path} ({ComponentType}): {Phase.Describe()}, waiting for {resource}"
            : $"{Path} ({ComponentType}): {Phase.Describe()}";
}
