namespace Asphalt;

/// <summary>Where a component is in its start-up, as Asphalt 5 tracks it.</summary>
public enum ComponentPhase
{
    /// <summary>Constructed; start-up has not reached it yet.</summary>
    Initialized,

    /// <summary>Running <see cref="Component.PrepareAsync"/>.</summary>
    Preparing,

    /// <summary>Waiting for its child components to start.</summary>
    StartingChildren,

    /// <summary>Running <see cref="Component.StartAsync"/>.</summary>
    Starting,

    /// <summary>Started.</summary>
    Started,
}

/// <summary>Lower-case words for phases, used in every message.</summary>
internal static class ComponentPhaseText
{
    public static string Describe(this ComponentPhase phase) => phase switch
    {
        ComponentPhase.Initialized => "initialized",
        ComponentPhase.Preparing => "preparing",
        ComponentPhase.StartingChildren => "starting children",
        ComponentPhase.Starting => "starting",
        _ => "started",
    };
}
