using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.ResourceCatalogs
{
    /// <summary>
    /// Per component, the resources its tree declares in code: its own and those of its declared children,
    /// recursively, a referenced package's child included (its model comes from the package's manifest).
    /// A resource named from an option is listed under its declared name (docs/hosting.md says so).
    /// </summary>
    internal static class ResourceCatalogPlanner
    {
        /// <param name="models">This compilation's components: each gets a catalog.</param>
        /// <param name="referenced">Referenced packages' components: their resources count where they are children.</param>
        /// <param name="cancellationToken">The pipeline's cancellation.</param>
        public static EquatableArray<ResourceCatalogModel> Plan(ImmutableArray<ComponentModel> models, EquatableArray<ComponentModel> referenced, CancellationToken cancellationToken)
        {
            var byType = new Dictionary<string, ComponentModel>();
            foreach (var model in referenced.Concat(models))
            {
                byType[model.Type.FullName] = model;
            }

            var catalogs = new List<ResourceCatalogModel>();
            foreach (var model in models.Where(m => !m.HasErrors).OrderBy(m => m.Type.FullName, System.StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var resources = new SortedSet<(string Type, string Name)>();
                Collect(model, byType, resources, new HashSet<string>());
                catalogs.Add(new ResourceCatalogModel(
                    model.Namespace,
                    model.ContainingTypes,
                    model.Name,
                    model.Type.FullName,
                    resources.Select(r => new CatalogResource(r.Type, r.Name)).ToEquatableArray()));
            }

            return catalogs.ToEquatableArray();
        }

        // The visited set stops a cycle (reported elsewhere as a wiring error) from recursing forever.
        private static void Collect(ComponentModel model, Dictionary<string, ComponentModel> byType, SortedSet<(string, string)> resources, HashSet<string> visited)
        {
            if (!visited.Add(model.Type.FullName))
            {
                return;
            }

            foreach (var published in model.AllPublished())
            {
                resources.Add((published.PublishedType.FullName, published.Name));
            }

            foreach (var child in model.Children)
            {
                if (byType.TryGetValue(child.Type.FullName, out var childModel))
                {
                    Collect(childModel, byType, resources, visited);
                }
            }
        }
    }
}
