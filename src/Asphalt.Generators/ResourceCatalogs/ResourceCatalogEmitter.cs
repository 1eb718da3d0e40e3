using System.Collections.Generic;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.ResourceCatalogs
{
    /// <summary><see cref="ResourceCatalogModel"/> → the component's <c>global::Asphalt.IResourceCatalog</c> implementation.</summary>
    internal static class ResourceCatalogEmitter
    {
        // One file for every catalog: a file per component would double the generated files of a large project.
        public const string HintName = "Asphalt.Generated.ResourceCatalogs.g.cs";

        public static string Emit(EquatableArray<ResourceCatalogModel> catalogs)
        {
            var writer = new SourceWriter();
            writer.WriteLine(GeneratorInfo.Header);
            foreach (var catalog in catalogs)
            {
                EmitOne(writer, catalog);
            }

            return writer.ToString();
        }

        private static void EmitOne(SourceWriter writer, ResourceCatalogModel model)
        {
            var scopes = new List<System.IDisposable>();
            if (model.Namespace.Length > 0)
            {
                scopes.Add(writer.Block("namespace " + model.Namespace));
            }

            foreach (var outer in model.ContainingTypes)
            {
                scopes.Add(writer.Block("partial " + outer.Keyword + " " + outer.Name));
            }

            scopes.Add(writer.Block("partial class " + model.Name + " : global::Asphalt.IResourceCatalog"));
            writer.WriteLine("""
                /// <summary>
                /// The resources this component's tree declares in code (its own and its declared children's),
                /// sorted by type and name; a host registers each (Asphalt.Hosting: as a keyed service).
                /// </summary>
                """);
            writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
            using (writer.Block("public static void VisitResources(global::Asphalt.IResourceVisitor visitor)"))
            {
                writer.WriteLine("global::System.ArgumentNullException.ThrowIfNull(visitor);");
                foreach (var resource in model.Resources)
                {
                    writer.WriteLine($"visitor.Visit<{resource.Type}>({Literals.String(resource.Name)});");
                }
            }

            for (var i = scopes.Count - 1; i >= 0; i--)
            {
                scopes[i].Dispose();
            }
        }
    }
}
