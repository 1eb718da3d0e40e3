namespace Asphalt;

/// <summary>The answer to a liveness or readiness probe (see <see cref="ApplicationLifetime"/>).</summary>
/// <param name="IsHealthy">Whether the probe passes.</param>
/// <param name="State">The application's state when it was asked.</param>
/// <param name="Description">Why it passes or fails, in one line.</param>
/// <param name="Checks">The components' own checks by name (readiness only; empty for liveness).</param>
public sealed record ApplicationHealth(
    bool IsHealthy,
    ApplicationState State,
    string Description,
    IReadOnlyDictionary<string, ComponentHealth> Checks);
