namespace Asphalt;

/// <summary>The life cycle of a <see cref="Context"/>.</summary>
public enum ContextState
{
    /// <summary>Resources can be published and read; teardown callbacks can be added.</summary>
    Open,

    /// <summary>Teardown callbacks are running. Resources can still be read.</summary>
    Closing,

    /// <summary>Teardown has finished.</summary>
    Closed,
}
