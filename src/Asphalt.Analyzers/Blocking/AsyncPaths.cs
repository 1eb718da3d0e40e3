using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>Decides whether an operation runs on an async path, and on which one.</summary>
    internal static class AsyncPaths
    {
        private static readonly System.Collections.Generic.HashSet<string> InlineCallbacks = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal)
        {
            "ForEach", "Find", "FindAll", "FindIndex", "FindLast", "FindLastIndex", "Exists", "TrueForAll",
            "RemoveAll", "ConvertAll", "Sort", "BinarySearch",
        };

        /// <summary>
        /// The async path an operation runs on: the async lambda or local function around it, or
        /// the operation block's root when the owning member is async or returns a task. Null when
        /// the operation is in sync code, in a deferred or offloaded sync delegate (Task.Run,
        /// new Thread, Offload.RunAsync, an event handler), inside <c>nameof</c>, in code a mode test
        /// reserves for sync callers, or on an error path that ends the operation (<see cref="IsFailurePath"/>).
        /// A task-returning sync function that every caller picks only in the sync mode is no entry
        /// (<see cref="SyncModeCallers"/>).
        /// </summary>
        public static IOperation? FindAsyncEntry(IOperation operation, ISymbol owningSymbol, KnownSymbols known, SyncModeCallers callers, out ISymbol? entrySymbol)
        {
            entrySymbol = null;
            var current = operation;
            for (var parent = operation.Parent; parent is not null; current = parent, parent = parent.Parent)
            {
                if (IsSyncModeStep(parent, current) || IsFailurePath(parent, current))
                {
                    return null;
                }

                switch (parent)
                {
                    case INameOfOperation:
                        return null;
                    case IAnonymousFunctionOperation lambda:
                        if (lambda.Symbol.IsAsync)
                        {
                            entrySymbol = lambda.Symbol;
                            return lambda;
                        }

                        // A sync lambda is part of the path only if it runs right here (LINQ, ForEach, f()).
                        if (IsInvokedInline(lambda, known))
                        {
                            continue;
                        }

                        return null;
                    case ILocalFunctionOperation local:
                        if (local.Symbol.IsAsync || (known.IsTaskLike(local.Symbol.ReturnType) && !callers.OnlyInSyncMode(local.Symbol)))
                        {
                            entrySymbol = local.Symbol;
                            return local;
                        }

                        // A sync local function is followed where it is called (ASPH1002).
                        return null;
                }
            }

            if (IsAsyncMember(owningSymbol, known) && !(owningSymbol is IMethodSymbol { IsAsync: false } method && callers.OnlyInSyncMode(method)))
            {
                entrySymbol = owningSymbol;
                return current;
            }

            return null;
        }

        /// <summary>
        /// True when the operation runs only in code a mode test reserves for sync callers (the sync
        /// branch, or after <c>if (async) return …;</c>) within its own function.
        /// </summary>
        public static bool IsInSyncModeCode(IOperation operation)
        {
            var current = operation;
            for (var parent = operation.Parent; parent is not null and not (IAnonymousFunctionOperation or ILocalFunctionOperation); current = parent, parent = parent.Parent)
            {
                if (IsSyncModeStep(parent, current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>One step up from <paramref name="current"/> to <paramref name="parent"/> enters sync-mode-only code.</summary>
        private static bool IsSyncModeStep(IOperation parent, IOperation current) => parent switch
        {
            IConditionalOperation conditional => IsSyncModeBranch(conditional, current),
            IBlockOperation block => FollowsAsyncModeReturn(block, current),
            _ => false,
        };

        /// <summary>
        /// An error path that ends the operation: the exception a <c>throw</c> computes
        /// (<c>throw Break(e)</c>), or a <c>catch</c> that ends by throwing (tears down, then
        /// rethrows). It runs once per failure, not on the path that serves requests, so a blocking
        /// call there is not reported; a <c>catch</c> that swallows and goes on (a retry with
        /// <c>Thread.Sleep</c>) is still an async path. docs/diagnostics/ASPH1001.md explains why.
        /// </summary>
        public static bool IsFailurePath(IOperation parent, IOperation current) => parent switch
        {
            IThrowOperation => true,
            ICatchClauseOperation catchClause => current == catchClause.Handler && EndsInThrow(catchClause.Handler),
            _ => false,
        };

        private static bool EndsInThrow(IOperation operation) => operation switch
        {
            IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => EndsInThrow(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        /// <summary>
        /// True after <c>if (async) return ReadAsync(…);</c> (or <c>if (ioBehavior == IOBehavior.Asynchronous) { …; return …; }</c>)
        /// in the same block: what follows runs only in the sync mode.
        /// </summary>
        private static bool FollowsAsyncModeReturn(IBlockOperation block, IOperation statement)
        {
            foreach (var earlier in block.Operations)
            {
                if (earlier == statement)
                {
                    return false;
                }

                if (earlier is IConditionalOperation { WhenFalse: null } guard && AsyncWhenTrue(guard.Condition) == true && EndsInJump(guard.WhenTrue))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool EndsInJump(IOperation operation) => operation switch
        {
            IReturnOperation or IBranchOperation or IThrowOperation => true,
            IExpressionStatementOperation { Operation: IThrowOperation } => true,
            IBlockOperation { Operations.Length: > 0 } block => EndsInJump(block.Operations[block.Operations.Length - 1]),
            _ => false,
        };

        /// <summary>
        /// Whether a condition tests a dual-mode method's mode: true when it holds in the async mode
        /// (<c>async</c>, <c>isAsync</c>, <c>io == IOBehavior.Asynchronous</c>), false when it holds in
        /// the sync mode (<c>!async</c>, <c>io == IOBehavior.Synchronous</c>), null for anything else.
        /// </summary>
        private static bool? AsyncWhenTrue(IOperation condition)
        {
            switch (BlockingCatalog.Strip(condition))
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return !AsyncWhenTrue(not.Operand);
                case IParameterReferenceOperation { Parameter: { Type.SpecialType: SpecialType.System_Boolean } parameter }:
                    return IsModeName(parameter.Name) ? true : null;
                case ILocalReferenceOperation { Local: { Type.SpecialType: SpecialType.System_Boolean } local }:
                    return IsModeName(local.Name) ? true : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr } logical:
                    return InLogical(logical);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                    var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                    var mode = ModeValue(binary.LeftOperand) ?? ModeValue(binary.RightOperand);
                    var flag = AsyncWhenTrue(binary.LeftOperand) ?? AsyncWhenTrue(binary.RightOperand);
                    var literal = (BlockingCatalog.Strip(binary.LeftOperand).ConstantValue is { HasValue: true, Value: bool l } ? l : (bool?)null)
                        ?? (BlockingCatalog.Strip(binary.RightOperand).ConstantValue is { HasValue: true, Value: bool r } ? r : (bool?)null);
                    if (mode is { } asyncMode)
                    {
                        return equals ? asyncMode : !asyncMode;
                    }

                    if (flag is { } asyncFlag && literal is { } value)
                    {
                        return equals == value ? asyncFlag : !asyncFlag;
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>
        /// A mode test inside <c>&amp;&amp;</c>/<c>||</c>. Exact where logic decides it: <c>!async &amp;&amp; x</c>
        /// holds only in the sync mode, <c>async || x</c> fails only in it. Otherwise the author's choice
        /// counts: after <c>if (x &amp;&amp; async) return ReadAsync(…);</c> the sync code also runs in the
        /// async mode when <c>x</c> is false, because the author decided <c>x</c> is when async I/O is
        /// needed (Npgsql: only a streaming read waits for the network).
        /// </summary>
        private static bool? InLogical(IBinaryOperation logical)
        {
            var left = AsyncWhenTrue(logical.LeftOperand);
            var right = AsyncWhenTrue(logical.RightOperand);
            var decisive = logical.OperatorKind == BinaryOperatorKind.ConditionalAnd ? false : true;
            if (left == decisive || right == decisive)
            {
                return decisive;
            }

            return left ?? right;
        }

        /// <summary><c>IOBehavior.Asynchronous</c> → true, <c>IOBehavior.Synchronous</c> → false: an enum member naming the mode.</summary>
        private static bool? ModeValue(IOperation operand) =>
            BlockingCatalog.Strip(operand) is IFieldReferenceOperation { Field: { ContainingType.TypeKind: TypeKind.Enum } member }
                ? member.Name switch { "Asynchronous" or "Async" => true, "Synchronous" or "Sync" => false, _ => null }
                : null;

        private static bool IsModeName(string name) =>
            name.TrimStart('_', '@').ToLowerInvariant() is "async" or "isasync" or "useasync" or "runasync";

        /// <summary>
        /// True when <paramref name="branch"/> is the synchronous half of a dual-mode method: its
        /// condition tests the mode (<c>if (!async)</c>, <c>ioBehavior == IOBehavior.Synchronous</c>),
        /// or the other branch awaits and this one does not (<c>if (x) await s.ReadAsync(b); else s.Read(b);</c>),
        /// so this branch runs only for a caller that asked to block.
        /// </summary>
        private static bool IsSyncModeBranch(IConditionalOperation conditional, IOperation branch)
        {
            var other = branch == conditional.WhenTrue ? conditional.WhenFalse : branch == conditional.WhenFalse ? conditional.WhenTrue : null;
            if (branch != conditional.WhenTrue && branch != conditional.WhenFalse)
            {
                return false;
            }

            // The condition names the mode: the branch where it says "sync".
            if (AsyncWhenTrue(conditional.Condition) is { } asyncWhenTrue)
            {
                return asyncWhenTrue == (branch == conditional.WhenFalse);
            }

            if (other is null)
            {
                return false;
            }

            // A branch that awaits itself is async code, whatever its sibling does.
            return ContainsAwait(other) && !ContainsAwait(branch);
        }

        private static bool ContainsAwait(IOperation root)
        {
            var stack = new System.Collections.Generic.Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                if (current is IAwaitOperation)
                {
                    return true;
                }

                foreach (var child in current.ChildOperations)
                {
                    if (child is not (IAnonymousFunctionOperation or ILocalFunctionOperation))
                    {
                        stack.Push(child);
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// An async method or one that returns Task/ValueTask (its sync part runs on the caller's
        /// path), or a synchronous method the framework calls from its async code: a component step
        /// and a signal listener (<see cref="IsFrameworkEntry"/>).
        /// </summary>
        public static bool IsAsyncMember(ISymbol symbol, KnownSymbols known) => symbol switch
        {
            IMethodSymbol method => method.IsAsync || known.IsTaskLike(method.ReturnType) || IsFrameworkEntry(method),
            IPropertySymbol property => known.IsTaskLike(property.Type),
            _ => false,
        };

        /// <summary>
        /// A method Asphalt invokes on its async start-up or dispatch path, even when it is
        /// synchronous: <c>Prepare</c>/<c>Start</c>/<c>Run</c> (with or without <c>Async</c>) of a
        /// <c>[Asphalt.Component]</c> class, and a <c>[Asphalt.SignalListener]</c> method. Attributes
        /// are matched by name, as <c>[Blocking]</c> is.
        /// </summary>
        public static bool IsFrameworkEntry(IMethodSymbol method)
        {
            if (method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            if (HasAsphaltAttribute(method, "SignalListenerAttribute"))
            {
                return true;
            }

            return method.Name is "Prepare" or "PrepareAsync" or "Start" or "StartAsync" or "Run" or "RunAsync"
                && !method.IsStatic && HasAsphaltAttribute(method.ContainingType, "ComponentAttribute");
        }

        private static bool HasAsphaltAttribute(ISymbol symbol, string name)
        {
            foreach (var attribute in symbol.GetAttributes())
            {
                if (attribute.AttributeClass is { ContainingNamespace: { Name: "Asphalt", ContainingNamespace.IsGlobalNamespace: true } } cls && cls.Name == name)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True for a sync lambda that runs while its caller waits: a LINQ operator, a List/Array
        /// callback, ConcurrentDictionary's factories, or a lambda invoked on the spot.
        /// </summary>
        public static bool IsInvokedInline(IAnonymousFunctionOperation lambda, KnownSymbols known)
        {
            IOperation? node = lambda.Parent;
            if (node is IDelegateCreationOperation)
            {
                var delegateCreation = node;
                node = node.Parent;
                while (node is IConversionOperation or IParenthesizedOperation)
                {
                    delegateCreation = node;
                    node = node.Parent;
                }

                if (node is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } direct && direct.Instance == delegateCreation)
                {
                    return true;
                }
            }

            if (node is not IArgumentOperation { Parent: IInvocationOperation invocation })
            {
                return false;
            }

            var type = invocation.TargetMethod.ContainingType?.OriginalDefinition;
            if (KnownSymbols.Eq(type, known.Enumerable))
            {
                return true;
            }

            // Callbacks List<T>/Array run before returning (not Add: that stores the delegate).
            if ((KnownSymbols.Eq(type, known.ListOfT) || KnownSymbols.Eq(type, known.Array)) && InlineCallbacks.Contains(invocation.TargetMethod.Name))
            {
                return true;
            }

            return KnownSymbols.Eq(type, known.ConcurrentDictionary)
                && invocation.TargetMethod.Name is "GetOrAdd" or "AddOrUpdate";
        }

        /// <summary>The nearest lambda, local function or block root around an operation.</summary>
        public static IOperation EnclosingFunction(IOperation operation)
        {
            var current = operation;
            while (current.Parent is not null)
            {
                current = current.Parent;
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return current;
                }
            }

            return current;
        }

        /// <summary>
        /// True when <paramref name="entry"/> is the awaitable twin of <paramref name="callee"/>
        /// (<c>ReadAsync</c> calling <c>Read</c>): the wrapper is deliberate, and "use ReadAsync"
        /// would make it call itself.
        /// </summary>
        public static bool IsOwnAsyncWrapper(ISymbol? entry, ISymbol callee, string? asyncName)
        {
            if (entry is not IMethodSymbol method || method.MethodKind is MethodKind.AnonymousFunction)
            {
                return false;
            }

            var name = callee is IMethodSymbol { MethodKind: MethodKind.PropertyGet or MethodKind.PropertySet } accessor
                ? accessor.AssociatedSymbol?.Name ?? callee.Name
                : callee.Name;
            if (method.Name != (asyncName ?? name + "Async") && method.Name != name + "Async")
            {
                return false;
            }

            return KnownSymbols.InheritsFrom(method.ContainingType, callee.ContainingType?.OriginalDefinition)
                || KnownSymbols.InheritsFrom(callee.ContainingType, method.ContainingType?.OriginalDefinition);
        }
    }
}
