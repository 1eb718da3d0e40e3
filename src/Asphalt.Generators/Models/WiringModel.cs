using Asphalt.Generators.Common;

namespace Asphalt.Generators.Models
{
    /// <summary>
    /// The whole assembly's wiring, computed once after the pipeline's single <c>Collect()</c>: the
    /// component registry and the plan of every tree rooted at a component. Equatable, so an edit
    /// that leaves every component model equal leaves this unchanged too.
    /// </summary>
    internal sealed record WiringModel(EquatableArray<RegistryEntry> Registry, EquatableArray<TreePlan> Trees);

    /// <summary>A registry alias, the component type it creates, and what the build knows of it (for configured trees).</summary>
    internal sealed record RegistryEntry(
        string Alias,
        TypeRef Type,
        EquatableArray<RegistryChild> Children,
        EquatableArray<RegistryResource> Provides,
        EquatableArray<RegistryResource> Consumes);

    /// <summary>A child declared in code: its alias and its type's registry alias.</summary>
    internal sealed record RegistryChild(string Alias, string TypeAlias);

    /// <summary>A resource a type publishes or takes, by type name and resource name.</summary>
    internal sealed record RegistryResource(string Type, string Name, bool IsSignal, bool IsOptional, string? NameOption = null);

    /// <summary>Facts about the compilation the emitted code depends on (selected, never the compilation itself).</summary>
    /// <param name="AssemblyName">The assembly's name, the application's name in its definition.</param>
    /// <param name="HasConfigurationTree">Whether <c>Asphalt.Configuration.ComponentTypes</c> exists (Runtime with configured trees).</param>
    /// <param name="HasCommandLine">Whether <c>Asphalt.CommandLine.ApplicationDefinition</c> exists.</param>
    internal sealed record CompilationFacts(string AssemblyName, bool HasConfigurationTree, bool HasCommandLine);

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

    /// <summary>A resource of a tree with its provider and consumers (those connecting a <c>[SignalListener]</c> listed apart).</summary>
    internal sealed record PlanResource(string Type, string Name, string Provider, EquatableArray<string> Consumers, EquatableArray<string> Listeners, bool IsSignal);
}
