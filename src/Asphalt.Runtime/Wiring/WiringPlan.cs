namespace Asphalt;

/// <summary>
/// The wiring of a component tree as the build saw it: the components, the resources and signals
/// between them, the order in which they can start, and the graph as Mermaid and DOT text.
/// Generated for every root component (<c>MyApp.WiringPlan</c>).
/// </summary>
/// <param name="RootType">The root component's type name.</param>
/// <param name="Components">Every component of the tree by path (<c>app/store</c>).</param>
/// <param name="Resources">Every resource and signal published in the tree, with its provider and consumers.</param>
/// <param name="StartStages">
/// Components grouped by start stage: a component depends only on resources of components in
/// earlier stages, so components in one stage can start concurrently.
/// </param>
/// <param name="Mermaid">The graph as a Mermaid flowchart.</param>
/// <param name="Dot">The graph in Graphviz DOT.</param>
public sealed record WiringPlan(
    string RootType,
    IReadOnlyList<WiringComponent> Components,
    IReadOnlyList<WiringResource> Resources,
    IReadOnlyList<IReadOnlyList<string>> StartStages,
    string Mermaid,
    string Dot)
{
    /// <summary>The Mermaid text.</summary>
    public override string ToString() => Mermaid;
}

/// <summary>A component in a <see cref="WiringPlan"/>.</summary>
/// <param name="Path">Its path in the tree (<c>app/store</c>).</param>
/// <param name="Type">Its type name.</param>
public sealed record WiringComponent(string Path, string Type);

/// <summary>A resource (or signal) in a <see cref="WiringPlan"/>.</summary>
/// <param name="Type">The type it is published under.</param>
/// <param name="Name">Its name.</param>
/// <param name="Provider">The path of the component publishing it.</param>
/// <param name="Consumers">The paths of the components taking it or connecting to it.</param>
/// <param name="IsSignal">Whether it is a signal published with <see cref="SignalAttribute"/>.</param>
public sealed record WiringResource(string Type, string Name, string Provider, IReadOnlyList<string> Consumers, bool IsSignal);
