using Asphalt.Generators.Common;

namespace Asphalt.Generators.Models
{
    /// <summary>
    /// The whole assembly's wiring, computed once after the pipeline's single <c>Collect()</c>: the
    /// component registry and the plan of every tree rooted at a component. Equatable, so an edit
    /// that leaves every component model equal leaves this unchanged too.
    /// </summary>
    internal sealed record WiringModel(EquatableArray<RegistryEntry> Registry, EquatableArray<TreePlan> Trees);

    /// <summary>A registry alias and the component type it creates.</summary>
    internal sealed record RegistryEntry(string Alias, TypeRef Type, ChildConstruction Construction);

    /// <summary>The plan of one tree, emitted as <c>WiringPlan</c> on its root class.</summary>
    internal sealed record TreePlan(
        string Namespace,
        EquatableArray<ContainingType> ContainingTypes,
        string Name,
        TypeRef RootType,
        EquatableArray<PlanComponent> Components,
        EquatableArray<PlanResource> Resources,
        EquatableArray<EquatableArray<string>> Stages,
        string Mermaid,
        string Dot);

    /// <summary>A component of a tree.</summary>
    internal sealed record PlanComponent(string Path, string Type);

    /// <summary>A resource of a tree with its provider and consumers.</summary>
    internal sealed record PlanResource(string Type, string Name, string Provider, EquatableArray<string> Consumers, bool IsSignal);
}
