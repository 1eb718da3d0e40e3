using System;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>What a readonly field or get-only auto-property is given when its object is constructed.</summary>
    internal static class ConstructorValues
    {
        /// <summary>
        /// The one value assigned to <paramref name="member"/> in its type's constructors
        /// (<c>_lazy = new Lazy&lt;T&gt;(Load)</c>, <c>Writer = textWriter</c>), or null when it is
        /// assigned in several places (do not guess which one runs), never, or elsewhere too.
        /// </summary>
        public static IOperation? Single(ISymbol member, Func<SyntaxTree, SemanticModel> getModel)
        {
            // Only these cannot be written after construction.
            var settable = member is IFieldSymbol { IsReadOnly: true }
                || member is IPropertySymbol { SetMethod: null, IsAbstract: false, IsIndexer: false } property && IsAutoProperty(property);
            if (!settable)
            {
                return null;
            }

            // An initializer runs for constructors that do not assign: then either value may be there.
            if (member.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is VariableDeclaratorSyntax { Initializer: not null } or PropertyDeclarationSyntax { Initializer: not null }))
            {
                return null;
            }

            IOperation? found = null;
            var constructors = member.IsStatic ? member.ContainingType.StaticConstructors : member.ContainingType.InstanceConstructors;
            foreach (var constructor in constructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    var syntax = reference.GetSyntax();
                    if (getModel(syntax.SyntaxTree).GetOperation(syntax) is not { } body)
                    {
                        continue;
                    }

                    foreach (var assignment in body.Descendants().OfType<ISimpleAssignmentOperation>())
                    {
                        var target = BlockingCatalog.Strip(assignment.Target) switch
                        {
                            IFieldReferenceOperation f => (ISymbol)f.Field,
                            IPropertyReferenceOperation p => p.Property,
                            _ => null,
                        };
                        if (target is not null && SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, member.OriginalDefinition))
                        {
                            if (found is not null)
                            {
                                return null;
                            }

                            found = BlockingCatalog.Strip(assignment.Value);
                        }
                    }
                }
            }

            return found;
        }

        private static bool IsAutoProperty(IPropertySymbol property) =>
            property.ContainingType.GetMembers().OfType<IFieldSymbol>().Any(f => SymbolEqualityComparer.Default.Equals(f.AssociatedSymbol, property));
    }
}
