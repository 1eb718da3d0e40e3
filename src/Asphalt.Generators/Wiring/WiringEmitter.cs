using System.Linq;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Wiring
{
    /// <summary><see cref="WiringModel"/> → the component registry and each root's <c>WiringPlan</c>.</summary>
    internal static class WiringEmitter
    {
        public const string RegistryHintName = "Asphalt.Generated.ComponentRegistry.g.cs";

        public static string EmitRegistry(WiringModel model, CompilationFacts facts)
        {
            var writer = new SourceWriter();
            writer.WriteLine(GeneratorInfo.Header);
            using (writer.Block("namespace Asphalt.Generated"))
            {
                writer.WriteLine("""
                    /// <summary>
                    /// The component types of this assembly and of the component packages it references, by alias,
                    /// for components chosen in configuration
                    /// (<c>components: { extra: { type: "alias" } }</c>). A switch: no reflection.
                    /// </summary>
                    """);
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                using (writer.Block("internal static class ComponentRegistry"))
                {
                    var aliases = string.Join(", ", model.Registry.Select(e => Literals.String(e.Alias)));
                    writer.WriteLine("/// <summary>The registered aliases, sorted.</summary>");
                    writer.WriteLine($"public static global::System.Collections.Generic.IReadOnlyList<string> Aliases {{ get; }} = new string[] {{ {aliases} }};");
                    writer.WriteLine();

                    // One delegate for every component's factory to share: a method group at each call
                    // site would make the compiler cache it in a nested class per component.
                    writer.WriteLine("/// <summary><see cref=\"Create\"/> as a delegate, shared by every component's factory.</summary>");
                    writer.WriteLine("public static readonly global::System.Func<string, global::Microsoft.Extensions.Configuration.IConfigurationSection, string, global::Asphalt.Component?> Factory = Create;");
                    writer.WriteLine();
                    writer.WriteLine("/// <summary>Creates the component registered as <paramref name=\"alias\"/> with its children, publishing its <c>\"default\"</c> resources as <paramref name=\"resourceName\"/>; null for an unknown alias.</summary>");
                    using (writer.Block("public static global::Asphalt.Component? Create(string alias, global::Microsoft.Extensions.Configuration.IConfigurationSection configuration, string resourceName)"))
                    {
                        writer.WriteLine("switch (alias)");
                        using (writer.Block())
                        {
                            foreach (var entry in model.Registry)
                            {
                                writer.WriteLine(entry.IsHandWritten
                                    ? $"case {Literals.String(entry.Alias)}: global::Asphalt.ConfigurationValues.CheckNoOptions(configuration, {Literals.String(entry.Alias)}); return new {entry.Type.FullName}();"
                                    : $"case {Literals.String(entry.Alias)}: return {entry.Type.FullName}.__CreateTree(configuration, resourceName);");
                            }

                            writer.WriteLine("default: return null;");
                        }
                    }

                    if (facts.HasConfigurationTree)
                    {
                        EmitTypes(writer, model);
                    }
                }
            }

            return writer.ToString();
        }

        /// <summary>The registry as the Runtime's <c>ComponentTypes</c>, for trees built from configuration.</summary>
        private static void EmitTypes(SourceWriter writer, WiringModel model)
        {
            // Written in chunks of a few types per method: flow analyses (the trimming analyzer's, on
            // whenever a project publishes with NativeAOT) grow much faster than linearly with one
            // method's size; 500 types in one method cost 11 s of build time, in chunks nearly nothing.
            const int ChunkSize = 25;
            var chunks = (model.Registry.Count + ChunkSize - 1) / ChunkSize;
            writer.WriteLine();
            writer.WriteLine("/// <summary>The component types with their declared children and resources, for trees built from configuration.</summary>");
            using (writer.Block("public static global::Asphalt.Configuration.ComponentTypes CreateTypes()"))
            {
                writer.WriteLine("var types = new global::Asphalt.Configuration.ComponentTypes();");
                for (var chunk = 0; chunk < chunks; chunk++)
                {
                    writer.WriteLine($"AddTypes{chunk.ToString(System.Globalization.CultureInfo.InvariantCulture)}(types);");
                }

                writer.WriteLine("return types;");
            }

            var entries = model.Registry.ToList();
            for (var chunk = 0; chunk < chunks; chunk++)
            {
                writer.WriteLine();
                using (writer.Block($"private static void AddTypes{chunk.ToString(System.Globalization.CultureInfo.InvariantCulture)}(global::Asphalt.Configuration.ComponentTypes types)"))
                {
                    foreach (var entry in entries.Skip(chunk * ChunkSize).Take(ChunkSize))
                    {
                        var typeName = Asphalt.Trees.GraphNames.Type(entry.Type.FullName);
                        var factory = entry.IsHandWritten
                            ? $"static c => {{ global::Asphalt.ConfigurationValues.CheckNoOptions(c.Section, {Literals.String(typeName)}); return new {entry.Type.FullName}(); }}"
                            : $"static c => {entry.Type.FullName}.__CreateConfigured(c.Section, c.ResourceName)";
                        writer.WriteLine($"types.Add(new global::Asphalt.Configuration.ComponentTypeInfo({Literals.String(entry.Alias)}, {Literals.String(typeName)}, {factory})");
                        writer.WriteLine("{");
                        writer.Indentation++;
                        var children = string.Join(", ", entry.Children.Select(c => $"new global::System.Collections.Generic.KeyValuePair<string, string>({Literals.String(c.Alias)}, {Literals.String(c.TypeAlias)})"));
                        writer.WriteLine($"Children = new global::System.Collections.Generic.KeyValuePair<string, string>[] {{ {children} }},");
                        writer.WriteLine($"Provides = new global::Asphalt.Configuration.ResourceDeclaration[] {{ {Declarations(entry.Provides)} }},");
                        writer.WriteLine($"Consumes = new global::Asphalt.Configuration.ResourceDeclaration[] {{ {Declarations(entry.Consumes)} }},");
                        writer.Indentation--;
                        writer.WriteLine("});");
                    }
                }
            }
        }

        private static string Declarations(EquatableArray<RegistryResource> resources) =>
            string.Join(", ", resources.Select(r =>
                $"new global::Asphalt.Configuration.ResourceDeclaration({Literals.String(r.Type)}, {Literals.String(r.Name)}) {{ IsSignal = {Literals.Bool(r.IsSignal)}, IsOptional = {Literals.Bool(r.IsOptional)}{(r.NameOption is null ? string.Empty : ", NameOption = " + Literals.String(r.NameOption))}{Step(r.Phase)}{Bridging(r)} }}"));

        // Only for signals, which configuration may name under 'bridges:'.
        private static string Bridging(RegistryResource resource) =>
            resource.EventType is null ? string.Empty : $", EventType = {Literals.String(resource.EventType)}, IsBridgeable = {Literals.Bool(resource.IsBridgeable)}";

        // Only what differs from the default (StartAsync), to keep the registry short.
        private static string Step(Phase phase) => phase switch
        {
            Phase.Prepare => ", InPrepare = true",
            Phase.Run => ", InRun = true",
            _ => string.Empty,
        };

        public static string PlanHintName(TreePlan plan) => Literals.Identifier(plan.RootType.FullName) + ".Wiring.g.cs";

        public static string EmitPlan(TreePlan plan, WiringModel model, CompilationFacts facts)
        {
            var writer = new SourceWriter();
            writer.WriteLine(GeneratorInfo.Header);
            var scopes = new System.Collections.Generic.List<System.IDisposable>();
            if (plan.Namespace.Length > 0)
            {
                scopes.Add(writer.Block("namespace " + plan.Namespace));
            }

            foreach (var outer in plan.ContainingTypes)
            {
                scopes.Add(writer.Block("partial " + outer.Keyword + " " + outer.Name));
            }

            scopes.Add(writer.Block("partial class " + plan.Name));
            writer.WriteLine("private static global::Asphalt.WiringPlan? __wiringPlan;");
            writer.WriteLine();
            writer.WriteLine("""
                /// <summary>
                /// The wiring of this component's tree as the build saw it: components, resources, start
                /// stages, and the graph as Mermaid and DOT text.
                /// </summary>
                """);
            writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
            writer.WriteLine("public static global::Asphalt.WiringPlan WiringPlan => __wiringPlan ??= new global::Asphalt.WiringPlan(");
            writer.Indentation++;
            writer.WriteLine(Literals.String(Asphalt.Trees.GraphNames.Type(plan.RootType.FullName)) + ",");
            writer.WriteLine("new global::Asphalt.WiringComponent[]");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var component in plan.Components)
            {
                writer.WriteLine($"new global::Asphalt.WiringComponent({Literals.String(component.Path)}, {Literals.String(component.Type)}),");
            }

            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine("new global::Asphalt.WiringResource[]");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var resource in plan.Resources)
            {
                var consumers = string.Join(", ", resource.Consumers.Concat(resource.Listeners).Distinct().OrderBy(c => c, System.StringComparer.Ordinal).Select(Literals.String));
                writer.WriteLine($"new global::Asphalt.WiringResource({Literals.String(resource.Type)}, {Literals.String(resource.Name)}, {Literals.String(resource.Provider)}, new string[] {{ {consumers} }}, {Literals.Bool(resource.IsSignal)}),");
            }

            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine("new string[][]");
            writer.WriteLine("{");
            writer.Indentation++;
            foreach (var stage in plan.Stages)
            {
                writer.WriteLine($"new string[] {{ {string.Join(", ", stage.Select(Literals.String))} }},");
            }

            writer.Indentation--;
            writer.WriteLine("},");
            writer.WriteLine(Literals.String(plan.Mermaid) + ",");
            writer.WriteLine(Literals.String(plan.Dot) + ");");
            writer.Indentation--;
            var root = model.Registry.FirstOrDefault(e => e.Type.FullName == plan.RootType.FullName);
            if (facts.HasCommandLine && facts.HasConfigurationTree && root is not null)
            {
                writer.WriteLine();
                writer.WriteLine("""
                    /// <summary>
                    /// The application as the command line sees it (<c>AsphaltCommandLine.RunAsync(args, Definition)</c>):
                    /// its component types, this class as the root type, and the declared wiring plan.
                    /// </summary>
                    """);
                writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                writer.WriteLine("public static global::Asphalt.CommandLine.ApplicationDefinition Definition => new global::Asphalt.CommandLine.ApplicationDefinition");
                writer.WriteLine("{");
                writer.Indentation++;
                writer.WriteLine($"Name = {Literals.String(facts.AssemblyName)},");
                writer.WriteLine($"RootType = {Literals.String(root.Alias)},");
                // Factories, not values: --help must not build a registry of every type or the plan.
                writer.WriteLine("CreateComponentTypes = global::Asphalt.Generated.ComponentRegistry.CreateTypes,");
                writer.WriteLine("CreateDeclaredPlan = static () => WiringPlan,");
                writer.Indentation--;
                writer.WriteLine("};");
            }
            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                scopes[i].Dispose();
            }

            return writer.ToString();
        }

        public const string GraphHintName = "Asphalt.Graph.g.cs";

        /// <summary>
        /// The graphs as comment blocks between marker lines, written only when the MSBuild property
        /// <c>AsphaltGraphOutput</c> is true; the build targets copy them to files under obj/.
        /// </summary>
        public static string EmitGraphFile(WiringModel model)
        {
            var writer = new SourceWriter();
            writer.WriteLine("// <auto-generated/>");
            writer.WriteLine("// The wiring graphs of this assembly's component trees (AsphaltGraphOutput=true).");
            foreach (var plan in model.Trees)
            {
                writer.WriteLine("// asphalt-graph-begin " + Asphalt.Trees.GraphNames.Type(plan.RootType.FullName) + " mermaid");
                foreach (var line in plan.Mermaid.TrimEnd('\n').Split('\n'))
                {
                    writer.WriteLine("//| " + line);
                }

                writer.WriteLine("// asphalt-graph-end");
                writer.WriteLine("// asphalt-graph-begin " + Asphalt.Trees.GraphNames.Type(plan.RootType.FullName) + " dot");
                foreach (var line in plan.Dot.TrimEnd('\n').Split('\n'))
                {
                    writer.WriteLine("//| " + line);
                }

                writer.WriteLine("// asphalt-graph-end");
            }

            return writer.ToString();
        }
    }
}
