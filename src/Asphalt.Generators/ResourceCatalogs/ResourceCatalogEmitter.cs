using System.Collections.Generic;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.ResourceCatalogs
{
    /// <summary><see cref="ResourceCatalogModel"/> → the component's <c>global::Asphalt.IResourceCatalog</c> implementation.</summary>
    internal static class ResourceCatalogEmitter
    {
        public static string HintName(ResourceCatalogModel model) => Literals.Identifier(model.FullName).Replace("__", "_") + ".ResourceCatalog.g.cs";

        public static string Emit(ResourceCatalogModel model)
        {
            var writer = new SourceWriter();
            writer.WriteLine(GeneratorInfo.Header);
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

            return writer.ToString();
        }
    }
}
