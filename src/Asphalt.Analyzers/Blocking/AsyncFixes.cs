using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// What the code fixes share: where an <c>await</c> may go, turning the containing method
    /// into an async one (returns adjusted), and applying many fixes to one document at once so
    /// Fix All never leaves a half-async method behind.
    /// </summary>
    internal static class AsyncFixes
    {
        /// <summary>A rewrite of one diagnostic's node, planned on the original tree and applied to the current one.</summary>
        public delegate SyntaxNode? Plan(SyntaxNode current);

        /// <summary>Makes a plan for one diagnostic, or null when no fix compiles.</summary>
        public delegate Plan? Planner(Diagnostic diagnostic, SyntaxNode node, SemanticModel model, string? cancellationToken, CancellationToken ct);

        internal enum ReturnShape
        {
            AlreadyAsync,
            NonGeneric,
            Generic,
        }

        public static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, Planner planner, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var hosts = new Dictionary<SyntaxNode, ReturnShape>();
            var changed = false;

            // Innermost first, so an outer rewrite sees the inner one already applied.
            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (node is ArgumentSyntax argument)
                {
                    node = argument.Expression;
                }

                var host = FindAwaitHost(node, model, out var shape, cancellationToken);
                if (host is null)
                {
                    continue;
                }

                var plan = planner(diagnostic, node, model, CancellationTokenInScope(node, model), cancellationToken);
                if (plan is null)
                {
                    continue;
                }

                editor.ReplaceNode(node, (current, _) => plan(current) ?? current);
                changed = true;
                if (shape != ReturnShape.AlreadyAsync)
                {
                    hosts[host] = shape;
                }
            }

            foreach (var pair in hosts)
            {
                var shape = pair.Value;
                editor.ReplaceNode(pair.Key, (current, _) => MakeAsync(current, shape));
            }

            return changed ? editor.GetChangedDocument() : document;
        }

        /// <summary>True when an await can replace <paramref name="node"/> (the code fixes offer nothing otherwise).</summary>
        public static bool CanAwait(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken) =>
            FindAwaitHost(node, model, out _, cancellationToken) is not null;

        /// <summary>
        /// The method, local function or lambda an await would land in, or null where an await
        /// cannot go (lock body, sync lambda, query clause, property, method with ref parameters).
        /// Methods in <paramref name="becomesAsync"/> (made async by another part of the same fix)
        /// host an await as they are.
        /// </summary>
        internal static SyntaxNode? FindAwaitHost(SyntaxNode node, SemanticModel model, out ReturnShape shape, CancellationToken cancellationToken, ISet<IMethodSymbol>? becomesAsync = null)
        {
            shape = ReturnShape.AlreadyAsync;
            foreach (var ancestor in node.Ancestors())
            {
                switch (ancestor)
                {
                    case LockStatementSyntax:
                    case QueryExpressionSyntax:
                    case CatchFilterClauseSyntax:
                    case UnsafeStatementSyntax:
                        return null;
                    case AnonymousFunctionExpressionSyntax lambda:
                        // A sync lambda made async would change its delegate type (Select, ForEach).
                        return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword) ? lambda : null;
                    case LocalFunctionStatementSyntax:
                    case MethodDeclarationSyntax:
                        if (model.GetDeclaredSymbol(ancestor, cancellationToken) is not IMethodSymbol method
                            || method.Parameters.Any(p => p.RefKind != RefKind.None))
                        {
                            return null;
                        }

                        if (method.IsAsync || (becomesAsync is not null && becomesAsync.Contains(method.OriginalDefinition)))
                        {
                            return ancestor;
                        }

                        if (method.ReturnType is not INamedTypeSymbol { Name: "Task" or "ValueTask", ContainingNamespace: { Name: "Tasks" } } returnType)
                        {
                            return null;
                        }

                        shape = returnType.IsGenericType ? ReturnShape.Generic : ReturnShape.NonGeneric;
                        return ancestor;
                    case BasePropertyDeclarationSyntax:
                    case AccessorDeclarationSyntax:
                    case ConstructorDeclarationSyntax:
                    case TypeDeclarationSyntax:
                        return null;
                }
            }

            return null;
        }

        /// <summary>A CancellationToken parameter or local in scope, preferring the usual names.</summary>
        internal static string? CancellationTokenInScope(SyntaxNode node, SemanticModel model)
        {
            var candidates = model.LookupSymbols(node.SpanStart)
                .Where(s => s is IParameterSymbol or ILocalSymbol)
                .Where(s => (s is IParameterSymbol p ? p.Type : ((ILocalSymbol)s).Type) is { Name: "CancellationToken", ContainingNamespace.Name: "Threading" })
                .Select(s => s.Name)
                .ToList();
            return candidates.FirstOrDefault(n => n is "cancellationToken" or "ct") ?? candidates.FirstOrDefault();
        }

        /// <summary><c>await expression</c>, parenthesized where the old node was the target of a member access or call.</summary>
        public static ExpressionSyntax Await(ExpressionSyntax expression, SyntaxNode replaced)
        {
            ExpressionSyntax awaited = SyntaxFactory.AwaitExpression(expression.WithoutTrivia())
                .WithLeadingTrivia(replaced.GetLeadingTrivia())
                .WithTrailingTrivia(replaced.GetTrailingTrivia());
            var needsParentheses = replaced.Parent switch
            {
                MemberAccessExpressionSyntax m => m.Expression == replaced,
                ElementAccessExpressionSyntax e => e.Expression == replaced,
                ConditionalAccessExpressionSyntax c => c.Expression == replaced,
                InvocationExpressionSyntax i => i.Expression == replaced,
                PostfixUnaryExpressionSyntax => true,
                _ => false,
            };
            return needsParentheses ? SyntaxFactory.ParenthesizedExpression(awaited.WithoutTrivia()).WithTriviaFrom(awaited) : awaited;
        }

        /// <summary>Parses a fully qualified expression and lets the simplifier shorten it.</summary>
        public static ExpressionSyntax Qualified(string text) =>
            SyntaxFactory.ParseExpression(text).WithAdditionalAnnotations(Simplifier.Annotation);

        internal static SyntaxNode MakeAsync(SyntaxNode function, ReturnShape shape)
        {
            var rewritten = new ReturnRewriter(shape).Visit(function) ?? function;
            switch (rewritten)
            {
                case MethodDeclarationSyntax method:
                    return AddAsync(method, method.Modifiers, method.ReturnType, (n, m) => ((MethodDeclarationSyntax)n).WithModifiers(m), (n, t) => ((MethodDeclarationSyntax)n).WithReturnType(t), method.ExpressionBody, shape);
                case LocalFunctionStatementSyntax local:
                    return AddAsync(local, local.Modifiers, local.ReturnType, (n, m) => ((LocalFunctionStatementSyntax)n).WithModifiers(m), (n, t) => ((LocalFunctionStatementSyntax)n).WithReturnType(t), local.ExpressionBody, shape);
                default:
                    return rewritten;
            }
        }

        /// <summary>Adds <c>async</c> to a declaration's modifiers, keeping its indentation in front.</summary>
        internal static SyntaxNode AddAsync(
            SyntaxNode node, SyntaxTokenList modifiers, TypeSyntax returnType,
            Func<SyntaxNode, SyntaxTokenList, SyntaxNode> withModifiers, Func<SyntaxNode, TypeSyntax, SyntaxNode> withReturnType,
            ArrowExpressionClauseSyntax? expressionBody, ReturnShape shape)
        {
            var asyncToken = SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space);
            if (modifiers.Count == 0)
            {
                // Move the return type's leading trivia (indentation, comments) onto 'async'.
                asyncToken = asyncToken.WithLeadingTrivia(returnType.GetLeadingTrivia());
                node = withReturnType(node, returnType.WithLeadingTrivia());
                return withModifiers(node, SyntaxFactory.TokenList(asyncToken));
            }

            return withModifiers(node, modifiers.Add(asyncToken));
        }

        /// <summary>Turns <c>return task;</c> into what an async method returns.</summary>
        private sealed class ReturnRewriter : CSharpSyntaxRewriter
        {
            private readonly ReturnShape _shape;
            private int _depth;

            public ReturnRewriter(ReturnShape shape) => _shape = shape;

            public override SyntaxNode? Visit(SyntaxNode? node)
            {
                // Only the outermost function's own returns change; nested lambdas and local functions keep theirs.
                if (node is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)
                {
                    if (_depth > 0)
                    {
                        return node;
                    }
                }

                if (node is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                {
                    _depth++;
                    try
                    {
                        return base.Visit(node);
                    }
                    finally
                    {
                        _depth--;
                    }
                }

                return base.Visit(node);
            }

            public override SyntaxNode? VisitArrowExpressionClause(ArrowExpressionClauseSyntax node)
            {
                if (node.Parent is MethodDeclarationSyntax or LocalFunctionStatementSyntax)
                {
                    return node.WithExpression(Returned(node.Expression) ?? node.Expression);
                }

                return base.VisitArrowExpressionClause(node);
            }

            public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
            {
                if (node.Expression is null)
                {
                    return node;
                }

                if (_shape == ReturnShape.NonGeneric)
                {
                    // The function's last statement: an async Task method just ends there, no 'return;'.
                    var last = node.Parent is BlockSyntax { Parent: BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax } body
                        && body.Statements.Last() == node;
                    if (IsCompleted(node.Expression))
                    {
                        return last ? null : node.WithExpression(null).WithReturnKeyword(node.ReturnKeyword.WithTrailingTrivia());
                    }

                    if (last)
                    {
                        // return SomethingAsync(); → await SomethingAsync();
                        return SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(node.Expression.WithoutTrivia()))
                            .WithTriviaFrom(node);
                    }

                    // return SomethingAsync(); → { await SomethingAsync(); return; }
                    return SyntaxFactory.Block(
                            SyntaxFactory.ExpressionStatement(SyntaxFactory.AwaitExpression(node.Expression.WithoutTrivia())),
                            SyntaxFactory.ReturnStatement())
                        .WithTriviaFrom(node)
                        .WithAdditionalAnnotations(Formatter.Annotation);
                }

                return node.WithExpression(Returned(node.Expression));
            }

            private ExpressionSyntax? Returned(ExpressionSyntax expression)
            {
                if (_shape == ReturnShape.Generic)
                {
                    // Task.FromResult(x) / ValueTask.FromResult(x) / new ValueTask<T>(x) → x
                    if (expression is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "FromResult" }, ArgumentList.Arguments.Count: 1 } fromResult)
                    {
                        return fromResult.ArgumentList.Arguments[0].Expression.WithTriviaFrom(expression);
                    }

                    if (expression is ObjectCreationExpressionSyntax { Type: GenericNameSyntax { Identifier.ValueText: "ValueTask" }, ArgumentList.Arguments.Count: 1 } created)
                    {
                        return created.ArgumentList!.Arguments[0].Expression.WithTriviaFrom(expression);
                    }
                }

                return SyntaxFactory.AwaitExpression(expression.WithoutTrivia()).WithTriviaFrom(expression);
            }

            private static bool IsCompleted(ExpressionSyntax expression) => expression switch
            {
                MemberAccessExpressionSyntax { Name.Identifier.ValueText: "CompletedTask" } => true,
                LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.DefaultLiteralExpression) => true,
                DefaultExpressionSyntax => true,
                ObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } => true,
                ImplicitObjectCreationExpressionSyntax { ArgumentList.Arguments.Count: 0 } => true,
                _ => false,
            };
        }

        /// <summary>A Fix All provider that applies every diagnostic of a document in one pass.</summary>
        public static FixAllProvider FixAll(Planner planner) =>
            FixAllProvider.Create(async (context, document, diagnostics) =>
                diagnostics.IsEmpty ? document : await ApplyAsync(document, diagnostics, planner, context.CancellationToken).ConfigureAwait(false));
    }
}
