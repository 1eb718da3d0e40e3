using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// Fixes ASPH1001: <c>.Result</c>/<c>GetResult()</c>/<c>Wait()</c> → <c>await</c>,
    /// <c>WaitAll</c>/<c>WaitAny</c> → <c>await WhenAll</c>/<c>WhenAny</c>, <c>Thread.Sleep</c> →
    /// <c>await Task.Delay</c>, a sync API → its awaited twin; the containing method is made async
    /// when needed. Offered only when the result compiles.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BlockingCallCodeFixProvider)), Shared]
    public sealed class BlockingCallCodeFixProvider : CodeFixProvider
    {
        private const string EquivalenceKey = DiagnosticIds.BlockingCallInAsyncPath;

        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.BlockingCallInAsyncPath);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => AsyncFixes.FixAll(Plan);

        /// <inheritdoc />
        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var diagnostic = context.Diagnostics[0];
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            if (node is ArgumentSyntax argument)
            {
                node = argument.Expression;
            }

            // Only offer what will apply: plan once here, apply (again) in the action.
            if (!AsyncFixes.CanAwait(node, model, context.CancellationToken) || Plan(diagnostic, node, model, null, context.CancellationToken) is null)
            {
                return;
            }

            var title = Title(diagnostic);
            context.RegisterCodeFix(
                CodeAction.Create(
                    title,
                    ct => AsyncFixes.ApplyAsync(context.Document, new[] { diagnostic }, Plan, ct),
                    EquivalenceKey),
                diagnostic);
        }

        private static string Title(Diagnostic diagnostic)
        {
            diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.FixKey, out var kind);
            diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.AsyncNameKey, out var asyncName);
            return kind switch
            {
                FixKinds.WhenAll => "Use 'await Task.WhenAll'",
                FixKinds.WhenAny => "Use 'await Task.WhenAny'",
                FixKinds.Delay => "Use 'await Task.Delay'",
                FixKinds.Twin => "Use 'await " + (asyncName ?? "WaitAsync") + "'",
                _ => "Use 'await'",
            };
        }

        // One planner for every diagnostic: the kind travels in the diagnostic's properties (ASPH1002's
        // carry its leaf's, so "make the chain async" rewrites the leaf the same way).
        internal static AsyncFixes.Plan? Plan(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, string? token, CancellationToken ct)
        {
            diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.FixKey, out var kind);
            diagnostic.Properties.TryGetValue(BlockingCallAnalyzer.AsyncNameKey, out var asyncName);
            return kind switch
            {
                FixKinds.Await => PlanAwait(node),
                FixKinds.WhenAll => PlanRename(node, "WhenAll"),
                FixKinds.WhenAny => PlanRename(node, "WhenAny"),
                FixKinds.Delay => PlanDelay(node, token),
                FixKinds.Twin => PlanTwin(node, asyncName ?? "WaitAsync", token, model),
                _ => null,
            };
        }

        private static AsyncFixes.Plan? PlanAwait(SyntaxNode node)
        {
            if (TaskOf(node) is null)
            {
                return null;
            }

            return current => TaskOf(current) is { } task ? AsyncFixes.Await(task, node) : null;
        }

        // t.Result → t; t.Wait() → t; x.GetAwaiter().GetResult() → x (ConfigureAwait kept).
        private static ExpressionSyntax? TaskOf(SyntaxNode node) => node switch
        {
            MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Result" } result => result.Expression,
            InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Wait" } wait, ArgumentList.Arguments.Count: 0 } => wait.Expression,
            InvocationExpressionSyntax
            {
                Expression: MemberAccessExpressionSyntax
                {
                    Name.Identifier.ValueText: "GetResult",
                    Expression: InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "GetAwaiter" } getAwaiter },
                },
            } => getAwaiter.Expression,
            _ => null,
        };

        private static AsyncFixes.Plan? PlanRename(SyntaxNode node, string newName)
        {
            if (node is not InvocationExpressionSyntax)
            {
                return null;
            }

            return current => current is InvocationExpressionSyntax call ? AsyncFixes.Await(Rename(call, newName, null), node) : null;
        }

        private static AsyncFixes.Plan? PlanDelay(SyntaxNode node, string? cancellationToken)
        {
            if (node is not InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 })
            {
                return null;
            }

            return current =>
            {
                if (current is not InvocationExpressionSyntax call)
                {
                    return null;
                }

                var arguments = call.ArgumentList.Arguments;
                if (cancellationToken is not null)
                {
                    arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(cancellationToken)));
                }

                var delay = SyntaxFactory.InvocationExpression(
                    AsyncFixes.Qualified("global::System.Threading.Tasks.Task.Delay"),
                    SyntaxFactory.ArgumentList(arguments));
                return AsyncFixes.Await(delay, node);
            };
        }

        private static AsyncFixes.Plan? PlanTwin(SyntaxNode node, string asyncName, string? cancellationToken, SemanticModel model)
        {
            if (node is not InvocationExpressionSyntax invocation
                || model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol syncMethod)
            {
                return null;
            }

            // Try with the token in scope first, then without; keep the first that binds to an
            // awaitable whose result matches what the sync call returned.
            foreach (var token in cancellationToken is null ? new string?[] { null } : new[] { cancellationToken, null })
            {
                var candidate = Rename(invocation, asyncName, token);
                var info = model.GetSpeculativeSymbolInfo(invocation.SpanStart, candidate, SpeculativeBindingOption.BindAsExpression);
                if (info.Symbol is IMethodSymbol asyncMethod && Matches(syncMethod, asyncMethod)
                    && !SymbolEqualityComparer.Default.Equals(asyncMethod.OriginalDefinition, model.GetEnclosingSymbol(invocation.SpanStart)?.OriginalDefinition))
                {
                    return current => current is InvocationExpressionSyntax call ? AsyncFixes.Await(Rename(call, asyncName, token), node) : null;
                }
            }

            return null;
        }

        private static bool Matches(IMethodSymbol sync, IMethodSymbol async)
        {
            if (async.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask" } returnType)
            {
                return false;
            }

            if (sync.ReturnsVoid)
            {
                return true;
            }

            return returnType.IsGenericType && SymbolEqualityComparer.Default.Equals(returnType.TypeArguments[0], sync.ReturnType);
        }

        internal static InvocationExpressionSyntax Rename(InvocationExpressionSyntax invocation, string newName, string? cancellationToken)
        {
            SimpleNameSyntax Renamed(SimpleNameSyntax name) => name switch
            {
                GenericNameSyntax generic => generic.WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(generic.Identifier)),
                _ => SyntaxFactory.IdentifierName(SyntaxFactory.Identifier(newName).WithTriviaFrom(name.Identifier)),
            };

            ExpressionSyntax expression = invocation.Expression switch
            {
                MemberAccessExpressionSyntax member => member.WithName(Renamed(member.Name)),
                MemberBindingExpressionSyntax binding => binding.WithName(Renamed(binding.Name)),
                SimpleNameSyntax name => Renamed(name),
                var other => other,
            };
            var arguments = invocation.ArgumentList;
            if (cancellationToken is not null)
            {
                arguments = arguments.AddArguments(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(cancellationToken)));
            }

            return invocation.WithExpression(expression).WithArgumentList(arguments);
        }
    }
}
