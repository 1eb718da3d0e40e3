namespace Asphalt;

/// <summary>A component failed to start. Names the phase, the component's path and its type.</summary>
public sealed class ComponentStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="phase">The phase that failed (<see cref="ComponentPhase.Preparing"/> or <see cref="ComponentPhase.Starting"/>).</param>
    /// <param name="path">The component's path in the tree (<c>app/web/db</c>).</param>
    /// <param name="componentType">The component's type name.</param>
    /// <param name="innerException">What the component threw.</param>
    public ComponentStartException(ComponentPhase phase, string path, string componentType, Exception innerException)
        : base($"Component '{path}' ({componentType}) failed while {phase.Describe()}: "
            + $"{innerException.GetType().Name}: {innerException.Message}", innerException)
    {
        Phase = phase;
        Path = path;
        ComponentType = componentType;
    }

    /// <summary>The phase that failed.</summary>
    public ComponentPhase Phase { get; }

    /// <summary>The component's path in the tree.</summary>
    public string Path { get; }

    /// <summary>The component's type name.</summary>
    public string ComponentType { get; }
}
