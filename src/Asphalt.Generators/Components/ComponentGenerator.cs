using System.Linq;
using Asphalt.Generators.Models;
using Asphalt.Generators.Packages;
using Asphalt.Generators.Wiring;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Components
{
    /// <summary>
    /// Generates the wiring of <c>[Component]</c> classes: per component a factory and start-up
    /// overrides; per assembly a component registry and, per root component, its wiring plan.
    /// </summary>
    /// <remarks>
    /// Diagnostics are reported by <see cref="Diagnostics.WiringAnalyzer"/>, which runs the same parser
    /// and planner with locations. Keeping locations out of this pipeline means an edit that only
    /// moves code (a method body, a comment) leaves every step Cached or Unchanged.
    /// </remarks>
    [Generator(LanguageNames.CSharp)]
    public sealed partial class ComponentGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            // One equatable model per [Component] class; FAWMN keeps this cheap.
            var components = context.SyntaxProvider
                .ForAttributeWithMetadataName(
                    Parser.ComponentAttribute,
                    static (node, _) => node is TypeDeclarationSyntax,
                    static (syntax, cancellationToken) => Parser.Parse(syntax, cancellationToken))
                .WithTrackingName(TrackingNames.Components)
                .Where(static model => model is not null)
                .Select(static (model, _) => model!)
                .WithTrackingName(TrackingNames.ValidComponents);

            // Per component: its own file, regenerated only when its model changes.
            context.RegisterSourceOutput(
                components.Where(static model => !model.HasErrors),
                static (output, model) => output.AddSource(Emitter.HintName(model), SourceText.From(Emitter.Emit(model), System.Text.Encoding.UTF8)));

            // The components of referenced packages, from their manifests. Re-read per compilation, but
            // equatable and cached per referenced assembly, so an edit here leaves it Unchanged.
            var referenced = context.CompilationProvider
                .Select(static (compilation, cancellationToken) => ReferencedComponents.Read(compilation, cancellationToken))
                .WithTrackingName(TrackingNames.ReferencedComponents);

            // The whole-tree view needs every model at once: the pipeline's only Collect().
            var wiring = components
                .Collect()
                .Combine(referenced)
                .Select(static (models, cancellationToken) => WiringPlanner.Plan(models.Left.Concat(models.Right), null, cancellationToken))
                .WithTrackingName(TrackingNames.Wiring);

            // A few facts about the compilation, selected to an equatable record (never the compilation itself).
            var facts = context.CompilationProvider
                .Select(static (compilation, _) => new CompilationFacts(
                    compilation.AssemblyName ?? "app",
                    compilation.GetTypeByMetadataName("Asphalt.Configuration.ComponentTypes") is not null,
                    compilation.GetTypeByMetadataName("Asphalt.CommandLine.ApplicationDefinition") is not null))
                .WithTrackingName(TrackingNames.CompilationFacts);

            context.RegisterSourceOutput(wiring.Combine(facts), static (output, pair) =>
            {
                var (model, facts) = pair;
                if (model.Registry.Count > 0)
                {
                    output.AddSource(WiringEmitter.RegistryHintName, SourceText.From(WiringEmitter.EmitRegistry(model, facts), System.Text.Encoding.UTF8));
                }

                foreach (var plan in model.Trees)
                {
                    output.AddSource(WiringEmitter.PlanHintName(plan), SourceText.From(WiringEmitter.EmitPlan(plan, model, facts), System.Text.Encoding.UTF8));
                }
            });

            // Each component's resource catalog (for hosts: Asphalt.Hosting's keyed services), when the Runtime has the interface.
            ResourceCatalogs.ResourceCatalogPipeline.Register(context, components, referenced);

            // <AsphaltGraphOutput>true</AsphaltGraphOutput> adds the graph text file the build targets copy to obj/.
            var graphOutput = context.AnalyzerConfigOptionsProvider
                .Select(static (options, _) =>
                    options.GlobalOptions.TryGetValue("build_property.AsphaltGraphOutput", out var value)
                    && string.Equals(value, "true", System.StringComparison.OrdinalIgnoreCase))
                .WithTrackingName(TrackingNames.GraphOption);

            context.RegisterSourceOutput(wiring.Combine(graphOutput), static (output, pair) =>
            {
                if (pair.Right && pair.Left.Trees.Any())
                {
                    output.AddSource(WiringEmitter.GraphHintName, SourceText.From(WiringEmitter.EmitGraphFile(pair.Left), System.Text.Encoding.UTF8));
                }
            });
        }
    }
}
