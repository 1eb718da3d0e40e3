namespace Asphalt;

/// <summary>Where an application is in its life: the states <see cref="ApplicationLifetime"/> moves through, in order.</summary>
public enum ApplicationState
{
    /// <summary>The component tree is starting.</summary>
    Starting,

    /// <summary>Every component started; the application runs.</summary>
    Running,

    /// <summary>A stop began (a stop request, a signal, a failure or the end of a run-to-exit root); teardown runs.</summary>
    Stopping,

    /// <summary>Teardown finished.</summary>
    Stopped,
}
