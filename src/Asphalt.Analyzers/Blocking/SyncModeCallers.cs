using System.Collections.Concurrent;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// The mode chosen one call up: <c>io == IOBehavior.Synchronous ? DoReadSync(b) : DoReadAsync(b)</c>
    /// where <c>DoReadSync</c> returns <c>ValueTask</c> (MySqlConnector). Such a function looks like
    /// an async entry by its return type, yet runs only for a caller that asked to block. Decided
    /// only where every caller is visible: private methods and local functions, all of whose uses
    /// are calls in code a mode test reserves for sync callers (<see cref="AsyncPaths.IsInSyncModeCode"/>).
    /// A use as a method group, or no use at all, keeps the function an entry.
    /// </summary>
    internal sealed class SyncModeCallers
    {
        private readonly CallSummaries _summaries;
        private readonly ConcurrentDictionary<IMethodSymbol, bool> _verdicts = new ConcurrentDictionary<IMethodSymbol, bool>(SymbolEqualityComparer.Default);

        public SyncModeCallers(CallSummaries summaries)
        {
            _summaries = summaries;
        }

        /// <summary>True when every use of the function is a call made only in the sync mode.</summary>
        public bool OnlyInSyncMode(IMethodSymbol function)
        {
            if (function.MethodKind == MethodKind.LocalFunction
                || (function.MethodKind == MethodKind.Ordinary && function.DeclaredAccessibility == Accessibility.Private && !AsyncPaths.IsFrameworkEntry(function)))
            {
                return _verdicts.GetOrAdd(function.OriginalDefinition, Decide);
            }

            return false;
        }

        private bool Decide(IMethodSymbol function)
        {
            // Where callers can be: the enclosing member for a local function, the type's declarations otherwise.
            var scopes = function.MethodKind == MethodKind.LocalFunction
                ? function.ContainingSymbol.DeclaringSyntaxReferences
                : function.ContainingType.DeclaringSyntaxReferences;
            var calls = 0;
            foreach (var scope in scopes)
            {
                var root = scope.GetSyntax();
                var model = _summaries.GetModel(root.SyntaxTree);
                foreach (var name in root.DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (name.Identifier.ValueText != function.Name
                        || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name).Symbol?.OriginalDefinition, function)
                        || name.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                    {
                        continue;
                    }

                    // The callee expression of an invocation: Name(…) or this.Name(…).
                    var callee = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (SyntaxNode)access : name;
                    if (callee.Parent is not InvocationExpressionSyntax invocation
                        || model.GetOperation(invocation) is not IInvocationOperation call
                        || !AsyncPaths.IsInSyncModeCode(call))
                    {
                        return false;
                    }

                    calls++;
                }
            }

            return calls > 0;
        }
    }
}
