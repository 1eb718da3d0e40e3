using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>A chain of sync calls that ends in a blocking call.</summary>
    internal sealed class BlockingChain
    {
        public BlockingChain(ImmutableArray<string> hops, BlockingMember leaf, Location leafLocation, string leafFix, Provenance unlessInMemory)
        {
            Hops = hops;
            Leaf = leaf;
            LeafLocation = leafLocation;
            LeafFix = leafFix;
            UnlessInMemory = unlessInMemory;
        }

        /// <summary>From the first callee's body to the leaf, e.g. <c>ReadConfig()</c>, <c>File.ReadAllText(string)</c>.</summary>
        public ImmutableArray<string> Hops { get; }
        public BlockingMember Leaf { get; }
        public Location LeafLocation { get; }

        /// <summary>The ASPH1001 rewrite of the leaf (<see cref="FixKinds"/>), which "make the chain async" applies to it.</summary>
        public string LeafFix { get; }

        /// <summary>
        /// Parameters (and the receiver) of the summarized method: the chain blocks unless every
        /// argument passed for them is in memory (a helper writing to its <c>Stream</c> parameter, a
        /// writer object's method writing to the writer it holds). Unknown: it always blocks.
        /// </summary>
        public Provenance UnlessInMemory { get; }

        public BlockingChain Prepend(string hop) => new BlockingChain(Hops.Insert(0, hop), Leaf, LeafLocation, LeafFix, UnlessInMemory);

        public BlockingChain With(Provenance unlessInMemory) => new BlockingChain(Hops, Leaf, LeafLocation, LeafFix, unlessInMemory);
    }

    /// <summary>Code an operation runs synchronously: a source method, accessor, constructor or lambda.</summary>
    internal sealed class Callee
    {
        public Callee(string display, IMethodSymbol? method, SyntaxNode? lambda, bool dispatch, IOperation? receiver = null)
        {
            Display = display;
            Method = method;
            Lambda = lambda;
            Dispatch = dispatch;
            Receiver = receiver;
        }

        public string Display { get; }
        public IMethodSymbol? Method { get; }
        public SyntaxNode? Lambda { get; }

        /// <summary>An interface or virtual call: the implementations in the compilation run.</summary>
        public bool Dispatch { get; }

        /// <summary>The object the method runs on at this call (<c>writer</c> in <c>writer.WriteValue()</c>); null when unknown or static.</summary>
        public IOperation? Receiver { get; }
    }

    /// <summary>
    /// Per-compilation summaries of "does this code block, and through which chain", computed on
    /// demand from the callee's syntax and memoized, so each body is bound and walked once.
    /// Recursion is cut at methods already on the stack; a negative answer that depended on such
    /// a cut is not memoized, so it cannot hide a chain found later.
    /// </summary>
    internal sealed class CallSummaries
    {
        private const int MaxDepth = 24;

        /// <summary>Distinct blocking calls kept per summary; more are not reported through that callee.</summary>
        private const int MaxLeaves = 16;

        private readonly BlockingCatalog _catalog;
        private readonly KnownSymbols _known;
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<BlockingChain>> _methods = new ConcurrentDictionary<ISymbol, ImmutableArray<BlockingChain>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ISymbol, ImmutableArray<BlockingChain>> _dispatch = new ConcurrentDictionary<ISymbol, ImmutableArray<BlockingChain>>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<SyntaxNode, ImmutableArray<BlockingChain>> _lambdas = new ConcurrentDictionary<SyntaxNode, ImmutableArray<BlockingChain>>();
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
        private readonly Lazy<ImplementationIndex> _index;
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Ordinal), bool> _invokesInPlace = new ConcurrentDictionary<(IMethodSymbol, int), bool>();

        public CallSummaries(BlockingCatalog catalog)
        {
            _catalog = catalog;
            _known = catalog.Known;
            _index = new Lazy<ImplementationIndex>(() => new ImplementationIndex(_known.Compilation));
            Locks = new LockSections(catalog, this);
            SyncModes = new SyncModeCallers(this);
        }

        /// <summary>Judges lock acquisitions by their critical sections.</summary>
        public LockSections Locks { get; }

        /// <summary>Task-returning sync functions that every caller picks only in the sync mode.</summary>
        public SyncModeCallers SyncModes { get; }

        /// <summary>What an operation runs synchronously that could block, or null.</summary>
        public Callee? GetCallee(IOperation operation)
        {
            switch (operation)
            {
                case IInvocationOperation invocation:
                    var target = invocation.TargetMethod;
                    if (target.MethodKind == MethodKind.DelegateInvoke)
                    {
                        return invocation.Instance is { } instance ? DelegateCallee(instance, NameOf(instance) + "()") : null;
                    }

                    return MethodCallee(target.ReducedFrom ?? target, Display(target.ReducedFrom ?? target), invocation.Instance);
                case IPropertyReferenceOperation property:
                    // By name: System.Lazy`1 may be defined by more than one reference assembly.
                    if (property.Property is { Name: "Value", ContainingType: { Name: "Lazy", Arity: 1, ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } })
                    {
                        return property.Instance is { } lazy ? LazyCallee(lazy, NameOf(lazy) + ".Value") : null;
                    }

                    var write = property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property;
                    var accessor = write ? property.Property.SetMethod : property.Property.GetMethod;
                    return accessor is null ? null : MethodCallee(accessor, Display(property.Property), property.Instance);
                case IObjectCreationOperation { Constructor: { } constructor }:
                    return MethodCallee(constructor, "new " + constructor.ContainingType.Name + "()", null);
                default:
                    return null;
            }
        }

        private Callee? MethodCallee(IMethodSymbol method, string display, IOperation? instance)
        {
            method = method.OriginalDefinition;
            if (method.IsAsync || _known.IsTaskLike(method.ReturnType) || _catalog.IsSilenced(method))
            {
                return null;
            }

            // A member declared outside the compilation (IDisposable.Dispose, ILogger.Log, ...) is judged by
            // the catalogue alone: its implementations here say nothing about the receiver at this call.
            if (method.DeclaringSyntaxReferences.Length == 0)
            {
                return null;
            }

            // Interface and virtual calls run whichever implementation the compilation declares.
            var dispatch = method.ContainingType?.TypeKind == TypeKind.Interface
                || ((method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed
                    && instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance, IsImplicit: false, Syntax: BaseExpressionSyntax });
            var receiver = method.IsStatic || method.MethodKind == MethodKind.Constructor ? null : instance;

            // The receiver's type is known here (new X(), a sealed type): only X's override runs.
            if (dispatch && ExactType(instance) is { } exact && ImplementationIn(exact, method) is { } implementation)
            {
                var shown = SymbolEqualityComparer.Default.Equals(implementation, method) ? display : display + " → " + Display(implementation);
                return new Callee(shown, implementation, null, dispatch: false, receiver);
            }

            return new Callee(display, method, null, dispatch, receiver);
        }

        /// <summary>
        /// The one type the receiver can have at run time: a <c>new X()</c> (directly, in a local only ever
        /// assigned <c>new X()</c>, or in a readonly field its constructors give one <c>new X()</c>), or a
        /// sealed type or struct. Null when it may be a subtype.
        /// </summary>
        private ITypeSymbol? ExactType(IOperation? instance)
        {
            if (instance is null)
            {
                return null;
            }

            var value = BlockingCatalog.Strip(instance);
            if (value.Type is INamedTypeSymbol { TypeKind: TypeKind.Struct } or INamedTypeSymbol { IsSealed: true, TypeKind: TypeKind.Class })
            {
                return value.Type;
            }

            switch (value)
            {
                case IObjectCreationOperation creation:
                    return creation.Type;
                case ILocalReferenceOperation local:
                    ITypeSymbol? found = null;
                    foreach (var assigned in Locals.AssignedValues(local))
                    {
                        if (assigned is null || BlockingCatalog.Strip(assigned) is not IObjectCreationOperation { Type: { } type }
                            || (found is not null && !SymbolEqualityComparer.Default.Equals(found, type)))
                        {
                            return null;
                        }

                        found = type;
                    }

                    return found;
                case IFieldReferenceOperation field:
                    return ConstructorValues.Single(field.Field, GetModel) is IObjectCreationOperation { Type: { } held } ? held : null;
                default:
                    return null;
            }
        }

        /// <summary>The member that runs for <paramref name="method"/> on an object of exactly <paramref name="type"/>, when it has a body here.</summary>
        private static IMethodSymbol? ImplementationIn(ITypeSymbol type, IMethodSymbol method)
        {
            IMethodSymbol? implementation = null;
            if (method.ContainingType.TypeKind == TypeKind.Interface)
            {
                implementation = type.FindImplementationForInterfaceMember(method) as IMethodSymbol;
            }
            else
            {
                for (var current = type; current is not null && implementation is null; current = current.BaseType)
                {
                    foreach (var candidate in current.GetMembers(method.Name).OfType<IMethodSymbol>())
                    {
                        for (var overridden = candidate; overridden is not null; overridden = overridden.OverriddenMethod)
                        {
                            if (SymbolEqualityComparer.Default.Equals(overridden.OriginalDefinition, method))
                            {
                                implementation = candidate;
                                break;
                            }
                        }
                    }
                }
            }

            return implementation is { IsAbstract: false, DeclaringSyntaxReferences.Length: > 0 } ? implementation.OriginalDefinition : null;
        }

        private Callee? DelegateCallee(IOperation instance, string display)
        {
            var value = InitializerOf(instance);
            return value is null ? null : FromDelegate(value, display);
        }

        private Callee? LazyCallee(IOperation instance, string display)
        {
            var value = InitializerOf(instance);
            if (value is IObjectCreationOperation creation && creation.Arguments.Length > 0)
            {
                return FromDelegate(BlockingCatalog.Strip(creation.Arguments[0].Value), display);
            }

            return null;
        }

        private Callee? FromDelegate(IOperation value, string display)
        {
            value = BlockingCatalog.Strip(value);
            if (value is IDelegateCreationOperation creation)
            {
                value = BlockingCatalog.Strip(creation.Target);
            }

            {
                switch (value)
                {
                    case IAnonymousFunctionOperation lambda when !lambda.Symbol.IsAsync:
                        return new Callee(display, null, lambda.Syntax, dispatch: false);
                    case IMethodReferenceOperation reference:
                        var inner = MethodCallee(reference.Method, Display(reference.Method), reference.Instance);
                        return inner is null ? null : new Callee(display + " → " + inner.Display, inner.Method, null, inner.Dispatch);
                }
            }

            return null;
        }

        /// <summary>The initializer of a delegate or Lazy field, property or local.</summary>
        private IOperation? InitializerOf(IOperation instance)
        {
            var symbol = BlockingCatalog.Strip(instance) switch
            {
                IFieldReferenceOperation f => (ISymbol)f.Field,
                ILocalReferenceOperation l => l.Local,
                IPropertyReferenceOperation p => p.Property,
                _ => null,
            };
            if (symbol is null || (symbol is IFieldSymbol { IsReadOnly: false, IsConst: false } && symbol.DeclaredAccessibility == Accessibility.Public))
            {
                return null;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                var expression = syntax switch
                {
                    VariableDeclaratorSyntax declarator => declarator.Initializer?.Value,
                    PropertyDeclarationSyntax property => property.Initializer?.Value,
                    _ => null,
                };
                if (expression is not null && GetModel(expression.SyntaxTree).GetOperation(expression) is { } operation)
                {
                    return BlockingCatalog.Strip(operation);
                }
            }

            return symbol is IFieldSymbol { IsReadOnly: true } field ? ConstructorValues.Single(field, GetModel) : null;
        }

        /// <summary>
        /// A sync method group or lambda passed as <paramref name="argument"/> to a method of this
        /// compilation that invokes the parameter in place (<c>RetryAsync(CanRetry)</c> calling
        /// <c>canRetry()</c>): what then runs, shown as <c>C.RetryAsync() → canRetry() → C.CanRetry()</c>.
        /// </summary>
        public Callee? ArgumentCallee(IArgumentOperation argument)
        {
            if (argument.Parent is not IInvocationOperation invocation || argument.Parameter is not { } parameter
                || BlockingCatalog.Strip(argument.Value) is not IDelegateCreationOperation)
            {
                return null;
            }

            var method = invocation.TargetMethod.OriginalDefinition;
            if (method.DeclaringSyntaxReferences.Length == 0 || _catalog.IsSilenced(method)
                || !_invokesInPlace.GetOrAdd((method, parameter.Ordinal), key => InvokesInPlace(key.Method, key.Ordinal)))
            {
                return null;
            }

            return FromDelegate(argument.Value, Display(method) + " → " + parameter.Name + "()");
        }

        private bool InvokesInPlace(IMethodSymbol method, int ordinal)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax();
                if (GetModel(syntax.SyntaxTree).GetOperation(syntax) is not { } body)
                {
                    continue;
                }

                foreach (var call in body.Descendants().OfType<IInvocationOperation>())
                {
                    if (call.TargetMethod.MethodKind == MethodKind.DelegateInvoke
                        && call.Instance is { } instance && BlockingCatalog.Strip(instance) is IParameterReferenceOperation { Parameter: { } invoked }
                        && invoked.Ordinal == ordinal && SymbolEqualityComparer.Default.Equals(invoked.ContainingSymbol.OriginalDefinition, method)
                        && RunsInPlace(call, body))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True unless something between the operation and the body defers it (a stored lambda, a local function).</summary>
        private bool RunsInPlace(IOperation operation, IOperation body)
        {
            for (var node = operation.Parent; node is not null && node != body; node = node.Parent)
            {
                if (node is ILocalFunctionOperation
                    || (node is IAnonymousFunctionOperation lambda && !lambda.Symbol.IsAsync && !AsyncPaths.IsInvokedInline(lambda, _known)))
                {
                    return false;
                }
            }

            return true;
        }

        private static string NameOf(IOperation instance) => BlockingCatalog.Strip(instance) switch
        {
            IFieldReferenceOperation f => f.Field.Name,
            ILocalReferenceOperation l => l.Local.Name,
            IPropertyReferenceOperation p => p.Property.Name,
            IParameterReferenceOperation p => p.Parameter.Name,
            _ => "delegate",
        };

        public static string Display(ISymbol symbol) => symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.LocalFunction } local => local.Name + "()",
            IMethodSymbol method => method.ContainingType.Name + "." + method.Name + "()",
            _ => symbol.ContainingType.Name + "." + symbol.Name,
        };

        /// <summary>
        /// The chains through which running <paramref name="callee"/> blocks, one per distinct
        /// blocking call (at most <see cref="MaxLeaves"/>); empty when it does not block.
        /// </summary>
        public ImmutableArray<BlockingChain> Summarize(Callee callee, CancellationToken cancellationToken)
        {
            var stack = new HashSet<object>();
            return Summarize(callee, stack, cancellationToken, out _);
        }

        /// <summary>
        /// A callee's chain as seen from one call: dropped when the arguments it depends on are in
        /// memory, otherwise depending on the caller's own parameters (or on nothing).
        /// </summary>
        public BlockingChain? AtCallSite(BlockingChain chain, IOperation call, Callee callee)
        {
            if (chain.UnlessInMemory.IsUnknown)
            {
                return chain;
            }

            var arguments = call switch
            {
                IInvocationOperation invocation => invocation.Arguments,
                IObjectCreationOperation creation => creation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            var provenance = Provenance.Memory;
            foreach (var parameter in chain.UnlessInMemory.Parameters)
            {
                // Parameters of a lambda (a delegate invoked elsewhere) are not bound by this call.
                var argument = parameter.ContainingSymbol is IMethodSymbol { MethodKind: not (MethodKind.AnonymousFunction or MethodKind.LambdaMethod) }
                    ? arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind != ArgumentKind.DefaultValue)
                    : null;
                provenance = argument is null ? Provenance.Unknown : provenance.And(_catalog.Provenance.Of(argument.Value));
            }

            if (chain.UnlessInMemory.OnReceiver)
            {
                // Only a method called on an object runs on it; a lambda's or delegate's "this" is not the call's receiver.
                provenance = callee.Receiver is { } receiver ? provenance.And(_catalog.Provenance.Of(receiver)) : Provenance.Unknown;
            }

            return provenance.InMemory ? null : chain.With(provenance);
        }

        private ImmutableArray<BlockingChain> Summarize(Callee callee, HashSet<object> stack, CancellationToken cancellationToken, out bool provisional)
        {
            provisional = false;
            if (callee.Lambda is { } lambda)
            {
                return Memoized(_lambdas, lambda, lambda, stack, cancellationToken, out provisional, () => SummarizeLambda(lambda, stack, cancellationToken));
            }

            var method = callee.Method!;
            if (callee.Dispatch)
            {
                return Memoized(_dispatch, method, ("dispatch", method), stack, cancellationToken, out provisional, () => SummarizeDispatch(method, stack, cancellationToken));
            }

            return Memoized(_methods, method, method, stack, cancellationToken, out provisional, () => SummarizeMethod(method, stack, cancellationToken));
        }

        private static ImmutableArray<BlockingChain> Memoized<TKey>(
            ConcurrentDictionary<TKey, ImmutableArray<BlockingChain>> memo, TKey key, object stackKey, HashSet<object> stack,
            CancellationToken cancellationToken, out bool provisional, System.Func<(ImmutableArray<BlockingChain> Chains, bool Provisional)> compute)
        {
            provisional = false;
            if (memo.TryGetValue(key, out var known))
            {
                return known;
            }

            // A cycle or a very deep chain: answer "no" for now, and do not memoize what depended on it.
            if (stack.Count >= MaxDepth || !stack.Add(stackKey))
            {
                provisional = true;
                return ImmutableArray<BlockingChain>.Empty;
            }

            cancellationToken.ThrowIfCancellationRequested();
            (ImmutableArray<BlockingChain> Chains, bool Provisional) result;
            try
            {
                result = compute();
            }
            finally
            {
                stack.Remove(stackKey);
            }

            provisional = result.Provisional;
            if (!result.Chains.IsEmpty || !result.Provisional)
            {
                return memo.GetOrAdd(key, result.Chains);
            }

            return result.Chains;
        }

        private (ImmutableArray<BlockingChain>, bool) SummarizeMethod(IMethodSymbol method, HashSet<object> stack, CancellationToken cancellationToken)
        {
            var provisional = false;
            var chains = new Chains();
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                var model = GetModel(syntax.SyntaxTree);
                var body = model.GetOperation(syntax, cancellationToken);

                // An expression-bodied getter is declared by the arrow clause or the property
                // itself depending on the compiler version; bind the expression then.
                var arrow = syntax switch
                {
                    ArrowExpressionClauseSyntax a => a,
                    BasePropertyDeclarationSyntax p when p is PropertyDeclarationSyntax { ExpressionBody: { } e } => e,
                    IndexerDeclarationSyntax { ExpressionBody: { } e } => e,
                    _ => null,
                };
                if (body is null && arrow is not null)
                {
                    body = model.GetOperation(arrow.Expression, cancellationToken);
                    if (body is not null)
                    {
                        LeafOrCallee(body, stack, cancellationToken, ref provisional, chains);
                        continue;
                    }
                }

                if (body is ILocalFunctionOperation local)
                {
                    body = local.Body ?? local.IgnoredBody;
                }

                if (body is not null)
                {
                    Walk(body, stack, cancellationToken, ref provisional, chains);
                }
            }

            return (chains.ToImmutable(), provisional);
        }

        private (ImmutableArray<BlockingChain>, bool) SummarizeLambda(SyntaxNode lambda, HashSet<object> stack, CancellationToken cancellationToken)
        {
            var provisional = false;
            var chains = new Chains();
            if (GetModel(lambda.SyntaxTree).GetOperation(lambda, cancellationToken) is IAnonymousFunctionOperation function)
            {
                Walk(function.Body, stack, cancellationToken, ref provisional, chains);
            }

            return (chains.ToImmutable(), provisional);
        }

        private (ImmutableArray<BlockingChain>, bool) SummarizeDispatch(IMethodSymbol method, HashSet<object> stack, CancellationToken cancellationToken)
        {
            var provisional = false;
            var chains = new Chains();
            foreach (var implementation in _index.Value.Targets(method))
            {
                if (implementation.IsAsync || _known.IsTaskLike(implementation.ReturnType) || _catalog.IsSilenced(implementation))
                {
                    continue;
                }

                // A source override of a catalogue member (a Stream subclass) is judged by its body, not the catalogue.
                var found = Summarize(new Callee(Display(implementation), implementation, null, dispatch: false), stack, cancellationToken, out var p);
                provisional |= p;
                var sameMember = SymbolEqualityComparer.Default.Equals(implementation, method);
                foreach (var chain in found)
                {
                    chains.Add(sameMember ? chain : chain.Prepend(Display(implementation)));
                }
            }

            return (chains.ToImmutable(), provisional);
        }

        /// <summary>Walks a sync body in source order and collects every chain to a blocking call.</summary>
        private void Walk(IOperation root, HashSet<object> stack, CancellationToken cancellationToken, ref bool provisional, Chains chains)
        {
            foreach (var child in root.ChildOperations)
            {
                switch (child)
                {
                    // Declarations, not calls: local functions are followed where they are invoked.
                    case ILocalFunctionOperation:
                    case INameOfOperation:
                        continue;
                    case IAnonymousFunctionOperation lambda when lambda.Symbol.IsAsync || !AsyncPaths.IsInvokedInline(lambda, _known):
                        continue;
                }

                // An error path that ends the operation blocks only on failure, as on the async path itself.
                if (AsyncPaths.IsFailurePath(root, child))
                {
                    continue;
                }

                LeafOrCallee(child, stack, cancellationToken, ref provisional, chains);
                if (chains.Full)
                {
                    return;
                }
            }
        }

        /// <summary>The chains starting at one operation: itself blocking, a callee that blocks, and anything inside it.</summary>
        private void LeafOrCallee(IOperation operation, HashSet<object> stack, CancellationToken cancellationToken, ref bool provisional, Chains chains)
        {
            var leaf = _catalog.Match(operation, out var unlessInMemory);
            if (leaf is not null)
            {
                if (!CompletedTasks.IsKnownComplete(operation, leaf))
                {
                    var verdict = (leaf.Flags & BlockingFlags.Lock) != 0 ? Locks.Judge(operation, cancellationToken) : LockVerdict.Unknown;
                    if (verdict.Blocks)
                    {
                        var display = verdict.Section is null ? leaf.Display : leaf.Display + " (" + verdict.Section + ")";
                        chains.Add(new BlockingChain(ImmutableArray.Create(display), leaf, operation.Syntax.GetLocation(), FixKinds.For(operation, leaf), unlessInMemory));
                    }
                }
            }
            else if (GetCallee(operation) is { } callee)
            {
                var found = Summarize(callee, stack, cancellationToken, out var p);
                provisional |= p;
                foreach (var chain in found)
                {
                    if (AtCallSite(chain, operation, callee) is { } atCall)
                    {
                        chains.Add(atCall.Prepend(callee.Display));
                    }
                }
            }

            Walk(operation, stack, cancellationToken, ref provisional, chains);
        }

        /// <summary>Distinct chains (by leaf and condition), at most <see cref="MaxLeaves"/>.</summary>
        private sealed class Chains
        {
            private readonly List<BlockingChain> _chains = new List<BlockingChain>();
            private readonly HashSet<(Location, string)> _seen = new HashSet<(Location, string)>();

            public bool Full => _chains.Count >= MaxLeaves;

            public void Add(BlockingChain chain)
            {
                var condition = string.Join(",", chain.UnlessInMemory.Parameters.Select(p => p.Ordinal)) + (chain.UnlessInMemory.OnReceiver ? ",this" : "");
                if (!Full && _seen.Add((chain.LeafLocation, condition)))
                {
                    _chains.Add(chain);
                }
            }

            public ImmutableArray<BlockingChain> ToImmutable() => _chains.ToImmutableArray();
        }

#pragma warning disable RS1030 // Summaries of callees in other trees need their semantic model; cached per tree and compilation.
        internal SemanticModel GetModel(SyntaxTree tree) => _models.GetOrAdd(tree, t => _known.Compilation.GetSemanticModel(t));
#pragma warning restore RS1030

        /// <summary>Overrides and interface implementations declared in the compilation, built once on first use.</summary>
        private sealed class ImplementationIndex
        {
            private readonly Dictionary<IMethodSymbol, List<IMethodSymbol>> _targets =
                new Dictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);

            public ImplementationIndex(Compilation compilation)
            {
                var types = new Stack<INamespaceOrTypeSymbol>();
                types.Push(compilation.SourceModule.GlobalNamespace);
                while (types.Count > 0)
                {
                    var current = types.Pop();
                    foreach (var member in current.GetMembers())
                    {
                        if (member is INamespaceOrTypeSymbol nested)
                        {
                            types.Push(nested);
                        }
                    }

                    if (current is not INamedTypeSymbol { TypeKind: TypeKind.Class or TypeKind.Struct } type)
                    {
                        continue;
                    }

                    foreach (var member in type.GetMembers().OfType<IMethodSymbol>())
                    {
                        for (var overridden = member.OverriddenMethod; overridden is not null; overridden = overridden.OverriddenMethod)
                        {
                            Add(overridden.OriginalDefinition, member);
                        }
                    }

                    foreach (var @interface in type.AllInterfaces)
                    {
                        foreach (var interfaceMember in @interface.GetMembers().OfType<IMethodSymbol>())
                        {
                            if (type.FindImplementationForInterfaceMember(interfaceMember) is IMethodSymbol implementation
                                && SymbolEqualityComparer.Default.Equals(implementation.ContainingType, type))
                            {
                                Add(interfaceMember.OriginalDefinition, implementation);
                            }
                        }
                    }
                }
            }

            private void Add(IMethodSymbol key, IMethodSymbol implementation)
            {
                if (!_targets.TryGetValue(key, out var list))
                {
                    _targets[key] = list = new List<IMethodSymbol>();
                }

                if (implementation.DeclaringSyntaxReferences.Length > 0)
                {
                    list.Add(implementation.OriginalDefinition);
                }
            }

            /// <summary>The method itself when it has a body, then every override or implementation.</summary>
            public IEnumerable<IMethodSymbol> Targets(IMethodSymbol method)
            {
                if (!method.IsAbstract && method.DeclaringSyntaxReferences.Length > 0)
                {
                    yield return method;
                }

                if (_targets.TryGetValue(method, out var list))
                {
                    foreach (var target in list)
                    {
                        yield return target;
                    }
                }
            }
        }
    }
}
