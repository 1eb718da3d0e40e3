using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.Simplification;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// "Make the chain async" for ASPH1002: every sync method from the reported call down to the
    /// blocking call becomes async (renamed <c>…Async</c>, returning <c>Task</c>/<c>Task&lt;T&gt;</c>),
    /// the blocking call becomes its awaited twin (as ASPH1001's fix rewrites it), and every call of
    /// those methods in the solution is awaited. Planned for many diagnostics at once, so Fix All
    /// changes a method shared by several chains once.
    /// </summary>
    /// <remarks>
    /// Not offered when a method on the chain cannot change its signature alone: an override,
    /// virtual, abstract or interface implementation, a method with ref/out/in parameters, a
    /// ref-like or by-ref return, an iterator, a partial or extern method, the public API of a
    /// library, a name clash with the …Async name; nor when one of its calls cannot be awaited where
    /// it is (sync code, a lock body, a method group, <c>?.</c>). The offload fix stays offered.
    /// </remarks>
    internal static class AsyncChainFix
    {
        /// <summary>Longest chain followed from the reported call to the blocking one, as in the analyzer.</summary>
        private const int MaxDepth = 24;

        private const string TaskType = "global::System.Threading.Tasks.Task";

        /// <summary>What one fix (or Fix All) changes.</summary>
        internal sealed class Plan
        {
            public Plan(ImmutableArray<IMethodSymbol> methods, ImmutableArray<Leaf> leaves, ImmutableArray<CallSite> calls)
            {
                Methods = methods;
                Leaves = leaves;
                Calls = calls;
            }

            /// <summary>The methods made async, in chain order.</summary>
            public ImmutableArray<IMethodSymbol> Methods { get; }

            public ImmutableArray<Leaf> Leaves { get; }

            public ImmutableArray<CallSite> Calls { get; }

            /// <summary>Says which methods change and how, e.g. <c>Make 'Load' async (LoadAsync) and await it</c>.</summary>
            public string Title => Methods.Length == 1
                ? "Make '" + Methods[0].Name + "' async (" + NewName(Methods[0]) + ") and await it"
                : "Make the chain async (" + string.Join(", ", Methods.Select(m => m.Name + " → " + NewName(m))) + ") and await it";
        }

        internal sealed class Leaf
        {
            public Leaf(DocumentId document, SyntaxNode node, AsyncFixes.Plan rewrite)
            {
                Document = document;
                Node = node;
                Rewrite = rewrite;
            }

            public DocumentId Document { get; }
            public SyntaxNode Node { get; }
            public AsyncFixes.Plan Rewrite { get; }
        }

        internal sealed class CallSite
        {
            public CallSite(DocumentId document, InvocationExpressionSyntax invocation, string newName, SyntaxNode host, AsyncFixes.ReturnShape hostShape)
            {
                Document = document;
                Invocation = invocation;
                NewName = newName;
                Host = host;
                HostShape = hostShape;
            }

            public DocumentId Document { get; }
            public InvocationExpressionSyntax Invocation { get; }
            public string NewName { get; }

            /// <summary>The function the await lands in; made async too unless it already is or is on a chain.</summary>
            public SyntaxNode Host { get; }
            public AsyncFixes.ReturnShape HostShape { get; }
        }

        /// <summary>The plan for these diagnostics; those whose chain cannot be made async are left out. Null when none can.</summary>
        public static async Task<Plan?> PlanAsync(Solution solution, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var methods = new List<IMethodSymbol>();
            var seen = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
            var leaves = new List<Leaf>();
            var leafSpans = new HashSet<(DocumentId, Microsoft.CodeAnalysis.Text.TextSpan)>();
            foreach (var diagnostic in diagnostics)
            {
                var chain = await ChainAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
                if (chain is null)
                {
                    continue;
                }

                // Each chain is checked on its own, so one chain that cannot change does not block the others.
                var own = new HashSet<IMethodSymbol>(chain.Value.Methods, SymbolEqualityComparer.Default);
                if (await CallSitesAsync(solution, own, cancellationToken).ConfigureAwait(false) is null)
                {
                    continue;
                }

                // Several chains may end in the same blocking call: it is rewritten once.
                var leaf = chain.Value.Leaf;
                if (leafSpans.Add((leaf.Document, leaf.Node.Span)))
                {
                    leaves.Add(leaf);
                }

                foreach (var method in chain.Value.Methods)
                {
                    if (seen.Add(method))
                    {
                        methods.Add(method);
                    }
                }
            }

            if (methods.Count == 0)
            {
                return null;
            }

            var calls = await CallSitesAsync(solution, seen, cancellationToken).ConfigureAwait(false);
            return calls is null ? null : new Plan(methods.ToImmutableArray(), leaves.ToImmutableArray(), calls.Value);
        }

        /// <summary>Applies a plan: per document, calls and leaves first (innermost first), then the functions around them.</summary>
        public static async Task<Solution> ApplyAsync(Solution solution, Plan plan, CancellationToken cancellationToken)
        {
            var declarations = new List<(DocumentId Document, MethodDeclarationSyntax Declaration, string NewName)>();
            foreach (var method in plan.Methods)
            {
                var syntax = (MethodDeclarationSyntax)await method.DeclaringSyntaxReferences[0].GetSyntaxAsync(cancellationToken).ConfigureAwait(false);
                var document = solution.GetDocument(syntax.SyntaxTree);
                if (document is not null)
                {
                    declarations.Add((document.Id, syntax, NewName(method)));
                }
            }

            var documents = plan.Calls.Select(c => c.Document).Concat(plan.Leaves.Select(l => l.Document)).Concat(declarations.Select(d => d.Document)).Distinct();
            foreach (var documentId in documents)
            {
                var document = solution.GetDocument(documentId)!;
                var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
                var inner = plan.Calls.Where(c => c.Document == documentId).Select(c => (Node: (SyntaxNode)c.Invocation, Rewrite: (AsyncFixes.Plan)(current => AwaitRenamed(current, c))))
                    .Concat(plan.Leaves.Where(l => l.Document == documentId).Select(l => (l.Node, l.Rewrite)))
                    .OrderByDescending(e => e.Node.SpanStart);
                foreach (var (node, rewrite) in inner)
                {
                    editor.ReplaceNode(node, (current, _) => rewrite(current) ?? current);
                }

                var hosts = plan.Calls.Where(c => c.Document == documentId && c.HostShape != AsyncFixes.ReturnShape.AlreadyAsync)
                    .GroupBy(c => c.Host)
                    .Select(g => g.First());
                foreach (var call in hosts)
                {
                    editor.ReplaceNode(call.Host, (current, _) => AsyncFixes.MakeAsync(current, call.HostShape));
                }

                foreach (var (_, declaration, newName) in declarations.Where(d => d.Document == documentId))
                {
                    editor.ReplaceNode(declaration, (current, _) => MakeAsync((MethodDeclarationSyntax)current, newName));
                }

                solution = editor.GetChangedDocument().Project.Solution;
            }

            return solution;
        }

        /// <summary>The methods from the reported call to the blocking one and the blocking call's rewrite, or null.</summary>
        private static async Task<(ImmutableArray<IMethodSymbol> Methods, Leaf Leaf)?> ChainAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count == 0
                || solution.GetDocument(diagnostic.Location.SourceTree) is not { } document
                || solution.GetDocument(diagnostic.AdditionalLocations[0].SourceTree) is not { } leafDocument)
            {
                return null;
            }

            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var leafModel = await leafDocument.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var leafRoot = await leafDocument.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || root is null || leafModel is null || leafRoot is null
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax call
                || model.GetSymbolInfo(call, cancellationToken).Symbol is not IMethodSymbol first)
            {
                return null;
            }

            var leafNode = leafRoot.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            if (leafNode is ArgumentSyntax argument)
            {
                leafNode = argument.Expression;
            }

            if (leafModel.GetEnclosingSymbol(leafNode.SpanStart, cancellationToken) is not IMethodSymbol { MethodKind: MethodKind.Ordinary } last)
            {
                return null; // in a lambda, local function or accessor: not a method this fix renames
            }

            var methods = FindPath(Original(first), Original(last), model.Compilation, cancellationToken);
            if (methods.IsDefault || !methods.All(m => CanBecomeAsync(m, model.Compilation, cancellationToken)))
            {
                return null;
            }

            var chainSet = new HashSet<IMethodSymbol>(methods, SymbolEqualityComparer.Default);
            var token = AsyncFixes.CancellationTokenInScope(leafNode, leafModel);
            if (AsyncFixes.FindAwaitHost(leafNode, leafModel, out _, cancellationToken, chainSet) is not MethodDeclarationSyntax
                || BlockingCallCodeFixProvider.Plan(diagnostic, leafNode, leafModel, token, cancellationToken) is not { } rewrite)
            {
                return null;
            }

            return (methods, new Leaf(leafDocument.Id, leafNode, rewrite));
        }

        /// <summary>The shortest chain of source method calls from <paramref name="first"/> to <paramref name="last"/>, both included.</summary>
        private static ImmutableArray<IMethodSymbol> FindPath(IMethodSymbol first, IMethodSymbol last, Compilation compilation, CancellationToken cancellationToken)
        {
            var previous = new Dictionary<IMethodSymbol, IMethodSymbol?>(SymbolEqualityComparer.Default) { [first] = null };
            var queue = new Queue<(IMethodSymbol Method, int Depth)>();
            queue.Enqueue((first, 0));
            while (queue.Count > 0)
            {
                var (method, depth) = queue.Dequeue();
                if (SymbolEqualityComparer.Default.Equals(method, last))
                {
                    var path = new List<IMethodSymbol>();
                    for (IMethodSymbol? step = method; step is not null; step = previous[step])
                    {
                        path.Insert(0, step);
                    }

                    return path.ToImmutableArray();
                }

                if (depth >= MaxDepth)
                {
                    continue;
                }

                foreach (var callee in CalleesOf(method, compilation, cancellationToken))
                {
                    if (!previous.ContainsKey(callee))
                    {
                        previous[callee] = method;
                        queue.Enqueue((callee, depth + 1));
                    }
                }
            }

            return default;
        }

        /// <summary>Source methods a method calls in its own body (not in its lambdas or local functions).</summary>
        private static IEnumerable<IMethodSymbol> CalleesOf(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var model = compilation.GetSemanticModel(syntax.SyntaxTree);
                var invocations = syntax
                    .DescendantNodes(n => n == syntax || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax))
                    .OfType<InvocationExpressionSyntax>();
                foreach (var invocation in invocations)
                {
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol callee && callee.DeclaringSyntaxReferences.Length > 0)
                    {
                        yield return Original(callee);
                    }
                }
            }
        }

        private static IMethodSymbol Original(IMethodSymbol method) => (method.ReducedFrom ?? method).OriginalDefinition;

        /// <summary>True when the method's signature can change here without changing anything else it promises.</summary>
        private static bool CanBecomeAsync(IMethodSymbol method, Compilation compilation, CancellationToken cancellationToken)
        {
            if (method.MethodKind != MethodKind.Ordinary || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern
                || method.IsAsync || !method.ExplicitInterfaceImplementations.IsEmpty || ImplementsInterface(method)
                || method.Parameters.Any(p => p.RefKind != RefKind.None) || method.ReturnsByRef || method.ReturnsByRefReadonly
                || method.ReturnType.IsRefLikeType || method.ReturnType.TypeKind == TypeKind.Pointer
                || method.PartialDefinitionPart is not null || method.PartialImplementationPart is not null
                || method.DeclaringSyntaxReferences.Length != 1
                || SymbolEqualityComparer.Default.Equals(method, compilation.GetEntryPoint(cancellationToken))
                || IsLibraryApi(method, compilation))
            {
                return false;
            }

            if (method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not MethodDeclarationSyntax declaration
                || (declaration.Body is null && declaration.ExpressionBody is null)
                || declaration.DescendantNodes().OfType<YieldStatementSyntax>().Any())
            {
                return false;
            }

            var newName = NewName(method);
            return newName == method.Name || method.ContainingType.GetMembers(newName).IsEmpty;
        }

        private static bool ImplementsInterface(IMethodSymbol method)
        {
            foreach (var @interface in method.ContainingType.AllInterfaces)
            {
                foreach (var member in @interface.GetMembers(method.Name))
                {
                    if (SymbolEqualityComparer.Default.Equals(method.ContainingType.FindImplementationForInterfaceMember(member), method))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>Visible outside a library's assembly: other code may call it, and would break. An application's public methods are its own.</summary>
        private static bool IsLibraryApi(ISymbol symbol, Compilation compilation)
        {
            if (compilation.Options.OutputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication)
            {
                return false;
            }

            for (var current = symbol; current is not null && current is not INamespaceSymbol; current = current.ContainingSymbol)
            {
                if (current.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Every call of these methods, each awaitable where it is; null when one is not (or the method is used as a value).</summary>
        private static async Task<ImmutableArray<CallSite>?> CallSitesAsync(Solution solution, HashSet<IMethodSymbol> methods, CancellationToken cancellationToken)
        {
            var calls = ImmutableArray.CreateBuilder<CallSite>();
            foreach (var method in methods)
            {
                foreach (var referenced in await SymbolFinder.FindReferencesAsync(method, solution, cancellationToken).ConfigureAwait(false))
                {
                    foreach (var location in referenced.Locations)
                    {
                        if (location.IsImplicit || location.IsCandidateLocation)
                        {
                            return null;
                        }

                        var root = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                        var model = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                        if (root is null || model is null
                            || InvocationOf(root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true)) is not { } invocation
                            || AsyncFixes.FindAwaitHost(invocation, model, out var shape, cancellationToken, methods) is not { } host)
                        {
                            return null;
                        }

                        calls.Add(new CallSite(location.Document.Id, invocation, NewName(method), host, shape));
                    }
                }
            }

            return calls.ToImmutable();
        }

        /// <summary>The call whose target is this name (<c>M()</c>, <c>x.M()</c>, <c>M&lt;T&gt;()</c>); null for a method group or <c>?.M()</c>.</summary>
        private static InvocationExpressionSyntax? InvocationOf(SyntaxNode name)
        {
            var target = name.Parent is MemberAccessExpressionSyntax member && member.Name == name ? member : name;
            return target.Parent is InvocationExpressionSyntax invocation && invocation.Expression == target ? invocation : null;
        }

        /// <summary><c>Load</c> → <c>LoadAsync</c>; a name that already ends in Async stays.</summary>
        private static string NewName(IMethodSymbol method) =>
            method.Name.EndsWith("Async", System.StringComparison.Ordinal) ? method.Name : method.Name + "Async";

        private static SyntaxNode? AwaitRenamed(SyntaxNode current, CallSite call) =>
            current is InvocationExpressionSyntax invocation
                ? AsyncFixes.Await(BlockingCallCodeFixProvider.Rename(invocation, call.NewName, null), call.Invocation)
                : null;

        /// <summary><c>string Load()</c> → <c>async Task&lt;string&gt; LoadAsync()</c>; <c>void</c> → <c>Task</c>. Returns stay as they are.</summary>
        private static SyntaxNode MakeAsync(MethodDeclarationSyntax method, string newName)
        {
            var returnType = method.ReturnType;
            var task = returnType is PredefinedTypeSyntax predefined && predefined.Keyword.IsKind(SyntaxKind.VoidKeyword)
                ? SyntaxFactory.ParseTypeName(TaskType)
                : SyntaxFactory.ParseTypeName(TaskType + "<" + returnType.WithoutTrivia().ToString() + ">");
            method = method
                .WithReturnType(task.WithAdditionalAnnotations(Simplifier.Annotation).WithTriviaFrom(returnType))
                .WithIdentifier(SyntaxFactory.Identifier(newName).WithTriviaFrom(method.Identifier));
            return AsyncFixes.AddAsync(
                method, method.Modifiers, method.ReturnType,
                (n, m) => ((MethodDeclarationSyntax)n).WithModifiers(m), (n, t) => ((MethodDeclarationSyntax)n).WithReturnType(t),
                method.ExpressionBody, AsyncFixes.ReturnShape.AlreadyAsync);
        }
    }
}
