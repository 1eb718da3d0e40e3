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
    /// <param name="Alias">The alias configuration uses (a hand-written type's full name).</param>
    /// <param name="Type">The component type.</param>
    /// <param name="Children">The children declared in code.</param>
    /// <param name="Provides">What it publishes.</param>
    /// <param name="Consumes">What it takes.</param>
    /// <param name="IsHandWritten">A <c>Component</c> subclass without <c>[Component]</c>, declared as a child: created with <c>new</c>, takes no options.</param>
    internal sealed record RegistryEntry(
        string Alias,
        TypeRef Type,
        EquatableArray<RegistryChild> Children,
        EquatableArray<RegistryResource> Provides,
        EquatableArray<RegistryResource> Consumes,
        bool IsHandWritten = false);

    /// <summary>A child declared in code: its alias and its type's registry alias.</summary>
    internal sealed record RegistryChild(string Alias, string TypeAlias);

    /// <summary>A resource a type publishes or takes, by type name and resource name, and the step that publishes or waits for it.</summary>
    /// <param name="Type">The resource type's name.</param>
    /// <param name="Name">The resource name.</param>
    /// <param name="IsSignal">Whether it is a signal.</param>
    /// <param name="IsOptional">For a taken resource: whether the step starts without it.</param>
    /// <param name="NameOption">For a taken resource: the option whose value replaces <paramref name="Name"/>.</param>
    /// <param name="Phase">The step that publishes or waits for it.</param>
    /// <param name="EventType">For a published signal: its event type's name, for messages.</param>
    /// <param name="IsBridgeable">For a published signal: whether configuration may bridge it (its event type has JSON metadata).</param>
    internal sealed record RegistryResource(string Type, string Name, bool IsSignal, bool IsOptional, string? NameOption = null, Phase Phase = Phase.Start, string? EventType = null, bool IsBridgeable = false)
    {
        /// <summary>The shared tree builder's view.</summary>
        public Asphalt.Trees.TreeResource ToTree() =>
            new Asphalt.Trees.TreeResource(Type, Name, IsSignal, IsOptional, NameOption,
                Phase == Phase.Prepare ? Asphalt.Trees.TreeStep.Prepare : Phase == Phase.Run ? Asphalt.Trees.TreeStep.Run : Asphalt.Trees.TreeStep.Start,
                EventType, IsBridgeable);
    }

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
