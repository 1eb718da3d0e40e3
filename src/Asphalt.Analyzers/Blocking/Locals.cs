using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>What a local holds, for the facts that follow a value through locals (provenance, completed tasks).</summary>
    internal static class Locals
    {
        /// <summary>
        /// Every value given to a local in its function: initializer and assignments; null for a
        /// write the analysis cannot see through (<c>out</c>/<c>ref</c> arguments, deconstruction).
        /// </summary>
        public static IEnumerable<IOperation?> AssignedValues(ILocalReferenceOperation local)
        {
            var root = (IOperation)local;
            while (root.Parent is not null)
            {
                root = root.Parent;
            }

            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local):
                        if (declarator.Initializer is { } initializer)
                        {
                            yield return initializer.Value;
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local):
                        yield return assignment.Value;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation written } when SymbolEqualityComparer.Default.Equals(written.Local, local.Local):
                    case IDeconstructionAssignmentOperation deconstruction when deconstruction.Target.Descendants().OfType<ILocalReferenceOperation>().Any(l => SymbolEqualityComparer.Default.Equals(l.Local, local.Local)):
                        yield return null;
                        break;
                }
            }
        }
    }
}
