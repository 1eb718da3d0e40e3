using System.Collections.Immutable;
using System.Linq;
using System.Composition;
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
    /// Fixes ASPH1002 by moving the blocking call off the async path explicitly:
    /// <c>Load()</c> → <c>await Offload.RunAsync(() =&gt; Load(), ct)</c> (or <c>Task.Run</c> when
    /// the Asphalt runtime is not referenced); the containing method is made async when needed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TransitiveBlockingCallCodeFixProvider)), Shared]
    public sealed class TransitiveBlockingCallCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TransitiveBlockingCall);

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
            if (!AsyncFixes.CanAwait(node, model, context.CancellationToken) || Plan(diagnostic, node, model, null, context.CancellationToken) is null)
            {
                return;
            }

            var helper = HasOffload(model) ? "Offload.RunAsync" : "Task.Run";
            context.RegisterCodeFix(
                CodeAction.Create(
                    "Offload the call with 'await " + helper + "'",
                    ct => AsyncFixes.ApplyAsync(context.Document, new[] { diagnostic }, Plan, ct),
                    DiagnosticIds.TransitiveBlockingCall),
                diagnostic);
        }

        private static bool HasOffload(SemanticModel model) => model.Compilation.GetTypeByMetadataName("Asphalt.Offload") is not null;

        private static AsyncFixes.Plan? Plan(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, string? token, CancellationToken ct)
        {
            if (node is not ExpressionSyntax expression || IsWritten(expression) || HasRefArguments(expression))
            {
                return null;
            }

            var helper = HasOffload(model) ? "global::Asphalt.Offload.RunAsync" : "global::System.Threading.Tasks.Task.Run";
            return current =>
            {
                if (current is not ExpressionSyntax call)
                {
                    return null;
                }

                var arguments = SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(SyntaxFactory.ParenthesizedLambdaExpression(call.WithoutTrivia())),
                });
                if (token is not null)
                {
                    arguments = arguments.Add(SyntaxFactory.Argument(SyntaxFactory.IdentifierName(token)));
                }

                var offload = SyntaxFactory.InvocationExpression(AsyncFixes.Qualified(helper), SyntaxFactory.ArgumentList(arguments));
                return AsyncFixes.Await(offload, node);
            };
        }

        private static bool IsWritten(ExpressionSyntax expression) =>
            expression.Parent is AssignmentExpressionSyntax assignment && assignment.Left == expression;

        private static bool HasRefArguments(ExpressionSyntax expression) =>
            expression is InvocationExpressionSyntax invocation
            && invocation.ArgumentList.Arguments.Any(a => !a.RefKindKeyword.IsKind(SyntaxKind.None));
    }
}
