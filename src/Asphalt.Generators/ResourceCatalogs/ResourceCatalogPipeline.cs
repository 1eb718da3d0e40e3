using Asphalt.Generators.Common;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.ResourceCatalogs
{
    /// <summary>The resource-catalog part of the component generator's pipeline, kept apart from the wiring.</summary>
    internal static class ResourceCatalogPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<ComponentModel> components, IncrementalValueProvider<EquatableArray<ComponentModel>> referenced)
        {
            var catalogs = components
                .Collect()
                .Combine(referenced)
                .Select(static (models, cancellationToken) => ResourceCatalogPlanner.Plan(models.Left, models.Right, cancellationToken))
                .WithTrackingName(TrackingNames.ResourceCatalogs);

            // An older Runtime without the interface gets no catalogs (the emitted code would not compile).
            var supported = context.CompilationProvider
                .Select(static (compilation, _) => compilation.GetTypeByMetadataName("Asphalt.IResourceCatalog") is not null)
                .WithTrackingName(TrackingNames.ResourceCatalogFacts);

            context.RegisterSourceOutput(catalogs.Combine(supported), static (output, pair) =>
            {
                if (pair.Right && pair.Left.Count > 0)
                {
                    output.AddSource(ResourceCatalogEmitter.HintName, SourceText.From(ResourceCatalogEmitter.Emit(pair.Left), System.Text.Encoding.UTF8));
                }
            });
        }
    }
}
