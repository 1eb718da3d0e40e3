using System.Collections.Generic;
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
    /// Fixes ASPH1002 in one of two ways. "Make the chain async" (<see cref="AsyncChainFix"/>):
    /// <c>Load()</c> → <c>await LoadAsync()</c> with <c>LoadAsync</c> awaiting the blocking call's
    /// twin, offered when every method on the chain can change. Offload: <c>Load()</c> →
    /// <c>await Offload.RunAsync(() =&gt; Load(), ct)</c> (or <c>Task.Run</c> when the Asphalt runtime
    /// is not referenced). Either makes the containing method async when needed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(TransitiveBlockingCallCodeFixProvider)), Shared]
    public sealed class TransitiveBlockingCallCodeFixProvider : CodeFixProvider
    {
        /// <inheritdoc />
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.TransitiveBlockingCall);

        /// <summary>Equivalence key of "make the chain async"; the offload fix's is the diagnostic ID.</summary>
        public const string MakeChainAsyncKey = DiagnosticIds.TransitiveBlockingCall + ".MakeChainAsync";

        private static readonly FixAllProvider OffloadFixAll = AsyncFixes.FixAll(Plan);

        /// <inheritdoc />
        public override FixAllProvider GetFixAllProvider() => new ChainOrOffloadFixAll();

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
            var solution = context.Document.Project.Solution;
            if (await AsyncChainFix.PlanAsync(solution, new[] { diagnostic }, context.CancellationToken).ConfigureAwait(false) is { } chain)
            {
                context.RegisterCodeFix(
                    CodeAction.Create(chain.Title, ct => AsyncChainFix.ApplyAsync(solution, chain, ct), MakeChainAsyncKey),
                    diagnostic);
            }

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
    
        /// <summary>
        /// Fix All for either fix: the offload fix per document; "make the chain async" once over
        /// every diagnostic in scope, so methods shared by several chains change once.
        /// </summary>
        private sealed class ChainOrOffloadFixAll : FixAllProvider
        {
            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() =>
                new[] { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey != MakeChainAsyncKey)
                {
                    return await OffloadFixAll.GetFixAsync(fixAllContext).ConfigureAwait(false);
                }

                var solution = fixAllContext.Solution;
                var documents = fixAllContext.Scope switch
                {
                    FixAllScope.Document => fixAllContext.Document is null ? Enumerable.Empty<Document>() : new[] { fixAllContext.Document },
                    FixAllScope.Project => fixAllContext.Project.Documents,
                    _ => solution.Projects.SelectMany(p => p.Documents),
                };
                var diagnostics = new List<Diagnostic>();
                foreach (var document in documents)
                {
                    diagnostics.AddRange(await fixAllContext.GetDocumentDiagnosticsAsync(document).ConfigureAwait(false));
                }

                var plan = await AsyncChainFix.PlanAsync(solution, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
                return plan is null
                    ? null
                    : CodeAction.Create(plan.Title, ct => AsyncChainFix.ApplyAsync(solution, plan, ct), MakeChainAsyncKey);
            }
        }
    }
}
