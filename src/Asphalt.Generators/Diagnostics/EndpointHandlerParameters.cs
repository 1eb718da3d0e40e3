using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Components;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// The resources a component's endpoint handlers take: parameters marked <c>[FromResource("name")]</c>
    /// (Asphalt.AspNetCore's alias of <c>[FromKeyedServices]</c>) on lambdas, anonymous methods, local
    /// functions and methods declared in the component class. The wiring checks treat each as the
    /// component taking that resource, so a resource the tree does not publish is ASPH0001 at the
    /// parameter, like a step parameter. A handler runs per request, after start-up, so it never
    /// waits during start-up and adds nothing to the start order (checked as <see cref="Phase.Run"/>).
    /// </summary>
    /// <remarks>
    /// It reads method bodies. The generator calls it too, without locations, so a public component's
    /// manifest carries them to the applications that reference its package: an edit in a body then
    /// leaves the model unchanged unless it changes what a handler takes.
    /// </remarks>
    internal static class EndpointHandlerParameters
    {
        private const string FromKeyedServicesAttribute = "Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute";

        public static EquatableArray<InjectedParameter> Find(INamedTypeSymbol component, Compilation compilation, bool withLocations, CancellationToken cancellationToken)
        {
            var attributeType = compilation.GetTypeByMetadataName(FromKeyedServicesAttribute);
            if (attributeType is null)
            {
                return EquatableArray<InjectedParameter>.Empty; // ASP.NET Core is not referenced.
            }

            var found = new List<InjectedParameter>();
            foreach (var reference in component.DeclaringSyntaxReferences)
            {
                var declaration = reference.GetSyntax(cancellationToken);
                var model = compilation.GetSemanticModel(declaration.SyntaxTree);
                foreach (var syntax in declaration.DescendantNodes().OfType<ParameterSyntax>())
                {
                    if (syntax.AttributeLists.Count == 0 || !BelongsTo(syntax, declaration))
                    {
                        continue;
                    }

                    if (model.GetDeclaredSymbol(syntax, cancellationToken) is not IParameterSymbol parameter)
                    {
                        continue;
                    }

                    var attribute = parameter.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
                    if (attribute is null || parameter.Type.TypeKind == TypeKind.Error)
                    {
                        continue;
                    }

                    // A key that is not a string is an ordinary keyed service, not a resource.
                    TypedConstant? key = attribute.ConstructorArguments.Length == 0 ? null : attribute.ConstructorArguments[0];
                    if (key is { IsNull: false } && key.Value.Value is not string)
                    {
                        continue;
                    }

                    var name = key?.Value as string ?? "default";
                    var type = parameter.Type;
                    var optional = parameter.HasExplicitDefaultValue || type.NullableAnnotation == NullableAnnotation.Annotated;
                    if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
                    {
                        type = nullable.TypeArguments[0];
                        optional = true;
                    }

                    found.Add(new InjectedParameter(
                        parameter.Name, ParameterKind.Resource, ComponentGenerator.Parser.TypeRefOf(type), name, optional, "default",
                        withLocations ? LocationInfo.From(syntax.Identifier.GetLocation()) : null));
                }
            }

            return found.ToEquatableArray();
        }

        // Parameters of nested types belong to those types' own checks.
        private static bool BelongsTo(SyntaxNode parameter, SyntaxNode declaration) =>
            parameter.Ancestors().OfType<TypeDeclarationSyntax>().FirstOrDefault() == declaration;
    }
}
