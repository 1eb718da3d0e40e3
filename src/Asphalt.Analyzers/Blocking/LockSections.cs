using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>Whether acquiring a lock can block for long, and the critical section that makes it so.</summary>
    internal readonly struct LockVerdict
    {
        public LockVerdict(bool blocks, string? section)
        {
            Blocks = blocks;
            Section = section;
        }

        public static LockVerdict Short { get; } = new LockVerdict(false, null);

        public static LockVerdict Unknown { get; } = new LockVerdict(true, null);

        /// <summary>True when the wait must be reported.</summary>
        public bool Blocks { get; }

        /// <summary>The critical section that blocks or awaits, e.g. <c>Cache.Refresh() (Cache.cs:42) awaits</c>; null when not known.</summary>
        public string? Section { get; }
    }

    /// <summary>
    /// Judges a lock (<c>Monitor</c>, <c>ReaderWriterLockSlim</c>, <c>SemaphoreSlim</c> used as a lock) by
    /// its critical sections: waiting for it is long only when some section of the same lock in
    /// the compilation blocks or awaits. A lock is known by a field, an auto-property (<c>object SyncObj
    /// { get; } = new();</c>) or a property whose getter just returns a field (then it is that field).
    /// An acquisition is a critical section when the statements after it end with a release of the same
    /// lock (in a <c>finally</c>, or directly); any other lock expression, or a semaphore also waited on
    /// without a release after it (a signal), is reported as before.
    /// </summary>
    internal sealed class LockSections
    {
        private static readonly HashSet<string> AcquireNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Wait", "WaitAsync", "EnterReadLock", "EnterWriteLock", "EnterUpgradeableReadLock",
            "TryEnterReadLock", "TryEnterWriteLock", "TryEnterUpgradeableReadLock",
        };

        private static readonly HashSet<string> ReleaseNames = new HashSet<string>(StringComparer.Ordinal)
        {
            "Release", "ExitReadLock", "ExitWriteLock", "ExitUpgradeableReadLock",
        };

        // Fields whose verdict is being computed on this thread: a section that takes the same lock
        // again (or a cycle of locks) counts as not blocking instead of recursing forever.
        [ThreadStatic]
        private static HashSet<ISymbol>? s_inProgress;

        private readonly BlockingCatalog _catalog;
        private readonly CallSummaries _summaries;
        private readonly ConcurrentDictionary<ISymbol, LockVerdict> _verdicts = new ConcurrentDictionary<ISymbol, LockVerdict>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<IPropertySymbol, ISymbol?> _properties = new ConcurrentDictionary<IPropertySymbol, ISymbol?>(SymbolEqualityComparer.Default);

        public LockSections(BlockingCatalog catalog, CallSummaries summaries)
        {
            _catalog = catalog;
            _summaries = summaries;
        }

        /// <summary>The verdict for an acquisition the catalogue flagged with <see cref="BlockingFlags.Lock"/>.</summary>
        public LockVerdict Judge(IOperation acquire, CancellationToken cancellationToken)
        {
            if (LockOf(acquire) is not { } field || CriticalSection(acquire, field) is null)
            {
                return LockVerdict.Unknown;
            }

            if (_verdicts.TryGetValue(field, out var known))
            {
                return known;
            }

            var inProgress = s_inProgress ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (!inProgress.Add(field))
            {
                return LockVerdict.Short;
            }

            try
            {
                return _verdicts.GetOrAdd(field, JudgeField(field, cancellationToken));
            }
            finally
            {
                inProgress.Remove(field);
            }
        }

        private ISymbol? LockOf(IOperation acquire)
        {
            var target = acquire switch
            {
                IInvocationOperation { Instance: { } instance } => instance,
                IInvocationOperation { Arguments.Length: > 0 } monitor => monitor.Arguments[0].Value,
                ILockOperation lockStatement => lockStatement.LockedValue,
                _ => null,
            };
            return target is null ? null : LockIdentity(target);
        }

        /// <summary>The field or auto-property a lock expression denotes, or null when it is anything else.</summary>
        private ISymbol? LockIdentity(IOperation target) => BlockingCatalog.Strip(target) switch
        {
            IFieldReferenceOperation reference => reference.Field.OriginalDefinition,
            IPropertyReferenceOperation { Property: { Parameters.Length: 0 } property } => _properties.GetOrAdd(property.OriginalDefinition, ResolveProperty),
            _ => null,
        };

        /// <summary>
        /// An auto-property is its own lock (its value is set like a field's); a property whose getter
        /// only returns a field is that field; any other getter may return different objects: null.
        /// </summary>
        private ISymbol? ResolveProperty(IPropertySymbol property)
        {
            if (property.DeclaringSyntaxReferences.Length != 1 || property.DeclaringSyntaxReferences[0].GetSyntax() is not PropertyDeclarationSyntax declaration)
            {
                return null;
            }

            ExpressionSyntax? returned = declaration.ExpressionBody?.Expression;
            if (declaration.AccessorList is { } accessors)
            {
                if (accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null))
                {
                    return property;
                }

                var getter = accessors.Accessors.FirstOrDefault(a => a.Keyword.ValueText == "get");
                returned = getter?.ExpressionBody?.Expression
                    ?? (getter?.Body?.Statements is { Count: 1 } statements && statements[0] is ReturnStatementSyntax ret ? ret.Expression : null);
            }

            if (returned is not (IdentifierNameSyntax or MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax }))
            {
                return null;
            }

            return _summaries.GetModel(returned.SyntaxTree).GetSymbolInfo(returned).Symbol is IFieldSymbol field ? field.OriginalDefinition : null;
        }

        private LockVerdict JudgeField(ISymbol field, CancellationToken cancellationToken)
        {
            foreach (var acquire in Acquisitions(field, cancellationToken))
            {
                var section = CriticalSection(acquire, field);
                if (section is null)
                {
                    return LockVerdict.Unknown; // waited on without a release after it: a signal, not a lock
                }

                foreach (var statement in section)
                {
                    if (WhatBlocks(statement, cancellationToken) is { } what)
                    {
                        var span = statement.Syntax.GetLocation().GetLineSpan();
                        var owner = acquire.SemanticModel?.GetEnclosingSymbol(acquire.Syntax.SpanStart, cancellationToken);
                        var ownerName = owner is null ? "?" : CallSummaries.Display(owner is IMethodSymbol { MethodKind: MethodKind.LambdaMethod } lambda ? lambda.ContainingSymbol : owner);
                        return new LockVerdict(true, "its critical section in '" + ownerName + "' (" + System.IO.Path.GetFileName(span.Path) + ":" + (span.StartLinePosition.Line + 1) + ") " + what);
                    }
                }
            }

            return LockVerdict.Short;
        }

        /// <summary>"awaits", "calls 'File.ReadAllText(string)'": why a section statement holds the lock long, or null.</summary>
        private string? WhatBlocks(IOperation root, CancellationToken cancellationToken)
        {
            foreach (var operation in Descendants(root))
            {
                if (operation is IAwaitOperation)
                {
                    return "awaits";
                }

                var member = _catalog.Match(operation);
                if (member is not null)
                {
                    if (CompletedTasks.IsKnownComplete(operation, member)
                        || ((member.Flags & BlockingFlags.Lock) != 0 && !Judge(operation, cancellationToken).Blocks))
                    {
                        continue;
                    }

                    return "calls '" + member.Display + "'";
                }

                if (_summaries.GetCallee(operation) is { } callee && _summaries.Summarize(callee, cancellationToken).FirstOrDefault() is { } chain)
                {
                    return "calls '" + callee.Display + "', which blocks in '" + chain.Leaf!.Display + "'";
                }
            }

            return null;
        }

        /// <summary>Descendants that run in place: not deferred lambdas or local function declarations.</summary>
        private IEnumerable<IOperation> Descendants(IOperation root)
        {
            var stack = new Stack<IOperation>();
            stack.Push(root);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.ChildOperations.Reverse())
                {
                    if (child is ILocalFunctionOperation or INameOfOperation
                        || (child is IAnonymousFunctionOperation lambda && (lambda.Symbol.IsAsync || !AsyncPaths.IsInvokedInline(lambda, _catalog.Known))))
                    {
                        continue;
                    }

                    stack.Push(child);
                }
            }
        }

        /// <summary>
        /// The statements an acquisition protects: those after it up to a release of the same field
        /// (a <c>try</c> whose <c>finally</c> releases contributes its body), or the rest of a
        /// <c>try</c> body whose <c>finally</c> releases; a <c>lock</c> statement's body. Null when no
        /// release follows.
        /// </summary>
        private List<IOperation>? CriticalSection(IOperation acquire, ISymbol field)
        {
            if (acquire is ILockOperation lockStatement)
            {
                return new List<IOperation> { lockStatement.Body };
            }

            var statement = acquire;
            while (statement.Parent is not null and not IBlockOperation)
            {
                statement = statement.Parent;
            }

            if (statement.Parent is not IBlockOperation block)
            {
                return null;
            }

            var section = new List<IOperation>();
            var after = false;
            foreach (var next in block.Operations)
            {
                if (next == statement)
                {
                    after = true;
                    continue;
                }

                if (!after)
                {
                    continue;
                }

                if (next is ITryOperation { Finally: { } finallyBlock } tryStatement && Releases(finallyBlock, field))
                {
                    section.Add(tryStatement.Body);
                    return section;
                }

                if (Releases(next, field))
                {
                    return section;
                }

                section.Add(next);
            }

            return block.Parent is ITryOperation { Finally: { } releasing } enclosing && enclosing.Body == block && Releases(releasing, field)
                ? section
                : null;
        }

        private bool Releases(IOperation root, ISymbol field) =>
            root.Descendants().Any(operation => operation is IInvocationOperation invocation
                && (invocation.TargetMethod.Name is "Exit" && invocation.TargetMethod.ContainingType.Name == "Monitor" && invocation.Arguments.Length > 0
                        ? IsField(invocation.Arguments[0].Value, field)
                        : ReleaseNames.Contains(invocation.TargetMethod.Name) && invocation.Instance is { } instance && IsField(instance, field)));

        private bool IsField(IOperation operation, ISymbol field) =>
            SymbolEqualityComparer.Default.Equals(LockIdentity(operation), field);

        /// <summary>Every acquisition of the lock in the code that can see it: waits, enters, <c>lock</c> statements.</summary>
        private IEnumerable<IOperation> Acquisitions(ISymbol field, CancellationToken cancellationToken)
        {
            // The lock by its own name and by every property of its type that resolves to it.
            var aliases = field.ContainingType.GetMembers().OfType<IPropertySymbol>()
                .Where(p => SymbolEqualityComparer.Default.Equals(p, field) || SymbolEqualityComparer.Default.Equals(_properties.GetOrAdd(p.OriginalDefinition, ResolveProperty), field))
                .Cast<ISymbol>()
                .Append(field)
                .Distinct(SymbolEqualityComparer.Default)
                .ToList();
            var names = new HashSet<string>(aliases.Select(a => a.Name), StringComparer.Ordinal);
            var trees = aliases.All(a => a.DeclaredAccessibility == Accessibility.Private)
                ? field.ContainingType.DeclaringSyntaxReferences.Select(r => r.SyntaxTree).Distinct()
                : _catalog.Known.Compilation.SyntaxTrees;
            foreach (var tree in trees)
            {
                var model = _summaries.GetModel(tree);
                foreach (var name in tree.GetRoot(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
                {
                    if (!names.Contains(name.Identifier.ValueText))
                    {
                        continue;
                    }

                    var node = name.Parent is MemberAccessExpressionSyntax access && access.Name == name ? (SyntaxNode)access : name;
                    if (model.GetOperation(node, cancellationToken) is not { } reference
                        || reference is not (IFieldReferenceOperation or IPropertyReferenceOperation)
                        || !IsField(reference, field))
                    {
                        continue;
                    }

                    var parent = reference.Parent;
                    while (parent is IConversionOperation or IParenthesizedOperation)
                    {
                        parent = parent.Parent;
                    }

                    switch (parent)
                    {
                        case IInvocationOperation invocation when invocation.Instance is not null && AcquireNames.Contains(invocation.TargetMethod.Name):
                            yield return invocation;
                            break;
                        case IArgumentOperation { Parent: IInvocationOperation { TargetMethod: { Name: "Enter" or "TryEnter", ContainingType.Name: "Monitor" } } monitor }:
                            yield return monitor;
                            break;
                        case ILockOperation lockStatement:
                            yield return lockStatement;
                            break;
                    }
                }
            }
        }
    }
}
