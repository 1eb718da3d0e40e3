using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// Flow facts that make a task wait harmless because the task is already complete: a
    /// preceding <c>await t</c> or <c>await Task.WhenAll(.., t, ..)</c>, the result of
    /// <c>await Task.WhenAny</c>, an <c>IsCompleted</c> guard (also the early-return form), a
    /// <c>ContinueWith</c> antecedent, <c>Task.FromResult(x)</c>. Source order within one function
    /// stands in for control flow: cheap, and it matches how such code is written.
    /// </summary>
    internal static class CompletedTasks
    {
        public static bool IsKnownComplete(IOperation blockingOp, BlockingMember member)
        {
            if (member.Category is not (BlockingCategory.TaskResult or BlockingCategory.TaskWait))
            {
                return false;
            }

            var task = TaskExpression(blockingOp);
            if (task is null)
            {
                return false;
            }

            if (IsCompletedFactory(task) || IsCompletedLocal(task))
            {
                return true;
            }

            var symbol = ReferencedSymbol(task);
            if (symbol is null)
            {
                return false;
            }

            if (IsContinuationAntecedent(blockingOp, symbol))
            {
                return true;
            }

            // Facts established in an enclosing function still hold inside a lambda or local
            // function written after them (a completed task stays completed).
            for (IOperation? function = AsyncPaths.EnclosingFunction(blockingOp); function is not null;
                 function = function.Parent is null ? null : AsyncPaths.EnclosingFunction(function))
            {
                if (IsGuarded(blockingOp, function, symbol)
                    || IsWhenAnyResult(function, symbol)
                    || WasAwaitedBefore(function, blockingOp, symbol)
                    || (CollectionOf(function, symbol) is { } collection && WasAwaitedBefore(function, blockingOp, collection)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The task behind <c>t.Result</c>, <c>t.Wait()</c>, <c>t.ConfigureAwait(false).GetAwaiter().GetResult()</c>.</summary>
        private static IOperation? TaskExpression(IOperation blockingOp)
        {
            var instance = blockingOp switch
            {
                IPropertyReferenceOperation p => p.Instance,
                IInvocationOperation i => i.Instance,
                _ => null,
            };
            if (instance is null)
            {
                return null;
            }

            instance = BlockingCatalog.Strip(instance);
            if (instance is IInvocationOperation { TargetMethod.Name: "GetAwaiter", Instance: { } awaited })
            {
                instance = BlockingCatalog.Strip(awaited);
            }

            return StripConfigureAwait(instance);
        }

        private static IOperation StripConfigureAwait(IOperation operation)
        {
            operation = BlockingCatalog.Strip(operation);
            while (operation is IInvocationOperation { TargetMethod.Name: "ConfigureAwait", Instance: { } inner })
            {
                operation = BlockingCatalog.Strip(inner);
            }

            return operation;
        }

        private static bool IsCompletedFactory(IOperation task) => task switch
        {
            IInvocationOperation { TargetMethod: { Name: "FromResult" or "FromException" or "FromCanceled", ContainingType.Name: "Task" or "ValueTask" } } => true,
            IPropertyReferenceOperation { Property: { Name: "CompletedTask", ContainingType.Name: "Task" or "ValueTask" } } => true,
            IObjectCreationOperation { Type.Name: "ValueTask", Arguments.Length: 1 } creation =>
                creation.Arguments[0].Value.Type?.Name is not ("Task" or "IValueTaskSource"),
            _ => false,
        };

        // var t = Task.CompletedTask; t.Wait(): a local only ever given completed tasks.
        private static bool IsCompletedLocal(IOperation task)
        {
            if (task is not ILocalReferenceOperation local)
            {
                return false;
            }

            var assigned = false;
            foreach (var value in Locals.AssignedValues(local))
            {
                if (value is null || !IsCompletedFactory(StripConfigureAwait(value)))
                {
                    return false;
                }

                assigned = true;
            }

            return assigned;
        }

        private static ISymbol? ReferencedSymbol(IOperation? operation) => operation is null ? null : BlockingCatalog.Strip(operation) switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            IFieldReferenceOperation f => f.Field,
            IPropertyReferenceOperation { Arguments.Length: 0 } p => p.Property,
            _ => null,
        };

        private static bool Refers(IOperation? operation, ISymbol symbol) =>
            operation is not null && SymbolEqualityComparer.Default.Equals(ReferencedSymbol(StripConfigureAwait(operation)), symbol);

        // if (t.IsCompleted) { t.Result }, t.IsCompleted ? t.Result : .., t.IsCompleted && t.Result,
        // if (!t.IsCompleted) return; t.Result
        private static bool IsGuarded(IOperation blockingOp, IOperation function, ISymbol symbol)
        {
            var child = blockingOp;
            for (var parent = blockingOp.Parent; parent is not null && child != function; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IConditionalOperation conditional:
                        if ((conditional.WhenTrue == child && ImpliesComplete(conditional.Condition, symbol))
                            || (conditional.WhenFalse == child && ImpliesIncomplete(conditional.Condition, symbol)))
                        {
                            return true;
                        }

                        break;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when both.RightOperand == child && ImpliesComplete(both.LeftOperand, symbol):
                        return true;
                    case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when either.RightOperand == child && ImpliesIncomplete(either.LeftOperand, symbol):
                        return true;
                    case IBlockOperation block:
                        foreach (var statement in block.Operations)
                        {
                            if (statement == child)
                            {
                                break;
                            }

                            if (statement is IConditionalOperation early && ImpliesIncomplete(early.Condition, symbol)
                                && (Exits(early.WhenTrue) || Awaits(early.WhenTrue, symbol)))
                            {
                                return true;
                            }
                        }

                        break;
                }
            }

            return false;
        }

        private static bool ImpliesComplete(IOperation condition, ISymbol symbol)
        {
            condition = BlockingCatalog.Strip(condition);
            switch (condition)
            {
                case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" } p:
                    return Refers(p.Instance, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both:
                    return ImpliesComplete(both.LeftOperand, symbol) || ImpliesComplete(both.RightOperand, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } eq:
                    return IsStatusRanToCompletion(eq.LeftOperand, eq.RightOperand, symbol)
                        || IsStatusRanToCompletion(eq.RightOperand, eq.LeftOperand, symbol)
                        || (IsTrue(eq.RightOperand) && ImpliesComplete(eq.LeftOperand, symbol));
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsTrue(constant.Value):
                    return ImpliesComplete(pattern.Value, symbol);
                default:
                    return false;
            }
        }

        private static bool ImpliesIncomplete(IOperation condition, ISymbol symbol)
        {
            condition = BlockingCatalog.Strip(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } negation:
                    return ImpliesComplete(negation.Operand, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either:
                    return ImpliesIncomplete(either.LeftOperand, symbol) || ImpliesIncomplete(either.RightOperand, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } eq when IsFalse(eq.RightOperand):
                    return ImpliesComplete(eq.LeftOperand, symbol);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.NotEquals } ne:
                    return IsStatusRanToCompletion(ne.LeftOperand, ne.RightOperand, symbol)
                        || IsStatusRanToCompletion(ne.RightOperand, ne.LeftOperand, symbol);
                case IIsPatternOperation { Pattern: IConstantPatternOperation constant } pattern when IsFalse(constant.Value):
                    return ImpliesComplete(pattern.Value, symbol);
                default:
                    return false;
            }
        }

        private static bool IsTrue(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: true };

        private static bool IsFalse(IOperation operation) => operation.ConstantValue is { HasValue: true, Value: false };

        private static bool IsStatusRanToCompletion(IOperation status, IOperation value, ISymbol symbol) =>
            BlockingCatalog.Strip(status) is IPropertyReferenceOperation { Property.Name: "Status" } p && Refers(p.Instance, symbol)
            && BlockingCatalog.Strip(value) is IFieldReferenceOperation { Field.Name: "RanToCompletion" };

        private static bool Exits(IOperation statement)
        {
            var last = statement is IBlockOperation block ? block.Operations.LastOrDefault() : statement;
            return last is IReturnOperation or IBranchOperation
                || last is IExpressionStatementOperation { Operation: IThrowOperation }
                || last is IThrowOperation;
        }

        private static bool Awaits(IOperation root, ISymbol symbol) =>
            root.Descendants().OfType<IAwaitOperation>().Any(a => Refers(a.Operation, symbol));

        // t.ContinueWith(a => a.Result) / t.ContinueWith(async _ => t.Result)
        private static bool IsContinuationAntecedent(IOperation blockingOp, ISymbol symbol)
        {
            if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }, Ordinal: 0 } parameter)
            {
                for (var node = blockingOp.Parent; node is not null; node = node.Parent)
                {
                    if (node is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, parameter.ContainingSymbol))
                    {
                        return ContinueWithCall(lambda) is not null;
                    }
                }
            }

            for (var node = blockingOp.Parent; node is not null; node = node.Parent)
            {
                if (node is IAnonymousFunctionOperation lambda && ContinueWithCall(lambda) is { } call && Refers(call.Instance, symbol))
                {
                    return true;
                }
            }

            return false;
        }

        private static IInvocationOperation? ContinueWithCall(IAnonymousFunctionOperation lambda)
        {
            var node = lambda.Parent;
            while (node is IDelegateCreationOperation or IConversionOperation)
            {
                node = node.Parent;
            }

            return node is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ContinueWith" } call } ? call : null;
        }

        // var done = await Task.WhenAny(a, b); done.Result
        private static bool IsWhenAnyResult(IOperation function, ISymbol symbol)
        {
            if (symbol is not ILocalSymbol)
            {
                return false;
            }

            foreach (var operation in function.Descendants())
            {
                IOperation? value = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, symbol) => declarator.Initializer?.Value,
                    ISimpleAssignmentOperation assignment when Refers(assignment.Target, symbol) => assignment.Value,
                    _ => null,
                };
                if (value is not null && BlockingCatalog.Strip(value) is IAwaitOperation awaited
                    && StripConfigureAwait(awaited.Operation) is IInvocationOperation { TargetMethod.Name: "WhenAny" })
                {
                    return true;
                }
            }

            return false;
        }

        // await t; await Task.WhenAll(t, u); await Task.WhenAll(tasks); Task.WaitAll(..) or t.Wait() (reported there)
        private static bool WasAwaitedBefore(IOperation function, IOperation blockingOp, ISymbol symbol)
        {
            var position = blockingOp.Syntax.SpanStart;
            foreach (var operation in function.Descendants())
            {
                if (operation.Syntax.SpanStart >= position)
                {
                    continue;
                }

                switch (operation)
                {
                    case IAwaitOperation awaited:
                        var operand = StripConfigureAwait(awaited.Operation);
                        if (Refers(operand, symbol))
                        {
                            return true;
                        }

                        if (operand is IInvocationOperation { TargetMethod.Name: "WhenAll" } whenAll && Contains(function, whenAll, symbol))
                        {
                            return true;
                        }

                        break;
                    case IInvocationOperation { TargetMethod: { Name: "WaitAll", ContainingType.Name: "Task" } } waitAll when Contains(function, waitAll, symbol):
                        return true;
                    case IInvocationOperation { TargetMethod: { Name: "Wait", ContainingType.Name: "Task" } } wait when Refers(wait.Instance, symbol):
                        return true;
                }
            }

            return false;
        }

        private static bool Contains(IOperation function, IInvocationOperation call, ISymbol symbol)
        {
            foreach (var argument in call.Arguments)
            {
                var value = BlockingCatalog.Strip(argument.Value);
                if (Refers(value, symbol))
                {
                    return true;
                }

                // params arrays, params spans (.NET 9+) and collection expressions alike.
                if (value.Descendants().Any(e => Refers(e, symbol)))
                {
                    return true;
                }

                // await Task.WhenAll(tasks) where tasks = new[] { t, u } or [t, u]
                if (ReferencedSymbol(value) is ILocalSymbol collection)
                {
                    foreach (var declarator in function.Descendants().OfType<IVariableDeclaratorOperation>())
                    {
                        if (SymbolEqualityComparer.Default.Equals(declarator.Symbol, collection) && declarator.Initializer is { } initializer
                            && initializer.Value.Descendants().Any(d => Refers(d, symbol)))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        // foreach (var t in tasks) t.Result / tasks.Select(t => t.Result): the collection that was awaited.
        private static ISymbol? CollectionOf(IOperation function, ISymbol symbol)
        {
            if (symbol is ILocalSymbol)
            {
                foreach (var loop in function.Descendants().OfType<IForEachLoopOperation>())
                {
                    if (loop.Locals.Contains((ILocalSymbol)symbol, SymbolEqualityComparer.Default))
                    {
                        return ReferencedSymbol(loop.Collection);
                    }
                }
            }

            if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambdaSymbol })
            {
                foreach (var lambda in function.Descendants().OfType<IAnonymousFunctionOperation>())
                {
                    if (SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                    {
                        var node = lambda.Parent;
                        while (node is IDelegateCreationOperation or IConversionOperation)
                        {
                            node = node.Parent;
                        }

                        if (node is IArgumentOperation { Parent: IInvocationOperation call } && call.Arguments.Length > 0)
                        {
                            return ReferencedSymbol(call.Instance ?? call.Arguments[0].Value);
                        }
                    }
                }
            }

            return null;
        }
    }
}
