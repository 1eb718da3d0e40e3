namespace Asphalt.Configuration;

/// <summary>
/// A resource a component type publishes or takes, as the build sees it: what <c>graph</c> draws
/// and <c>check</c> verifies for a tree assembled from configuration.
/// </summary>
/// <param name="Type">The resource type's display name (<c>WebNotifier.Detector</c>).</param>
/// <param name="Name">
/// The resource name. A published <c>"default"</c> becomes the component's
/// <see cref="ComponentConfiguration.ResourceName"/> (the <c>alias/resourceName</c> shortcut).
/// </param>
public sealed record ResourceDeclaration(string Type, string Name = ResourceKey.DefaultName)
{
    /// <summary>Whether this is a <see cref="Signal{TEvent}"/> (drawn differently).</summary>
    public bool IsSignal { get; init; }

    /// <summary>For a taken resource: whether the component starts without it.</summary>
    public bool IsOptional { get; init; }

    /// <summary>
    /// For a taken resource: the option key whose configured value, if any, replaces
    /// <see cref="Name"/> (a component told which instance to use, such as <c>detector: backup</c>).
    /// </summary>
    public string? NameOption { get; init; }

    /// <summary>
    /// Whether <c>PrepareAsync</c> publishes it (before the children start) or, for a taken resource,
    /// waits for it; otherwise <c>StartAsync</c> does. Drawn in the start order.
    /// </summary>
    public bool InPrepare { get; init; }

    /// <summary>For a taken resource: whether only <c>RunAsync</c> takes it, after start-up (it never delays the start).</summary>
    public bool InRun { get; init; }

    /// <summary>For a published signal: its event type's name, which errors about bridging it name.</summary>
    public string? EventType { get; init; }

    /// <summary>
    /// For a published signal: whether configuration may bridge it (<c>bridges: { name: channel }</c>), that is,
    /// whether the generated start has a bridge starter for it (its event type has System.Text.Json metadata).
    /// </summary>
    public bool IsBridgeable { get; init; }

    /// <summary>Formats as <c>Type 'name'</c>, like <see cref="ResourceKey"/>.</summary>
    public override string ToString() => $"{Type} '{Name}'";
}
