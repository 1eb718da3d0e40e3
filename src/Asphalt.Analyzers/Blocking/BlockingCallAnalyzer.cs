using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// ASPH1001: a blocking call (task wait, sleep, synchronization wait, synchronous I/O) directly
    /// on an async path.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class BlockingCallAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property key: which rewrite the code fix applies.</summary>
        internal const string FixKey = "Fix";

        /// <summary>Property key: the awaitable twin's name, for <see cref="FixKinds.Twin"/>.</summary>
        internal const string AsyncNameKey = "AsyncName";

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.BlockingCallInAsyncPath);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.RegisterCompilationStartAction(start =>
            {
                var known = new KnownSymbols(start.Compilation);
                var catalog = new BlockingCatalog(known, BlockingApiList.Read(start.Options.AdditionalFiles, start.CancellationToken));
                var summaries = new CallSummaries(catalog);
                start.RegisterOperationAction(
                    operationContext => Analyze(operationContext, catalog, summaries),
                    OperationKind.Invocation,
                    OperationKind.PropertyReference);
                start.RegisterOperationAction(
                    operationContext => AnalyzeLock(operationContext, catalog, summaries),
                    OperationKind.Lock);
            });
        }

        private static void Analyze(OperationAnalysisContext context, BlockingCatalog catalog, CallSummaries summaries)
        {
            var operation = context.Operation;
            var member = catalog.Match(operation);
            if (member is null)
            {
                return;
            }

            if (AsyncPaths.FindAsyncEntry(operation, context.ContainingSymbol, catalog.Known, summaries.SyncModes, out var entrySymbol) is null
                || CompletedTasks.IsKnownComplete(operation, member)
                || AsyncPaths.IsOwnAsyncWrapper(entrySymbol, member.Symbol, member.AsyncName))
            {
                return;
            }

            // A lock is reported only when one of its critical sections blocks or awaits, and names it.
            var advice = member.Advice;
            if ((member.Flags & BlockingFlags.Lock) != 0)
            {
                var verdict = summaries.Locks.Judge(operation, context.CancellationToken);
                if (!verdict.Blocks)
                {
                    return;
                }

                if (verdict.Section is not null)
                {
                    advice = verdict.Section + "; " + advice;
                }
            }

            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(FixKey, FixKinds.For(operation, member))
                .Add(AsyncNameKey, member.AsyncName);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BlockingCallInAsyncPath,
                operation.Syntax.GetLocation(),
                properties,
                member.Display,
                advice));
        }

        /// <summary>
        /// A <c>lock (field)</c> statement on an async path whose lock some critical section in the
        /// compilation holds across blocking work: waiting for it blocks this thread as long. Only
        /// with a section to name; a lock on anything but a field is not reported (its sections are unknown).
        /// </summary>
        private static void AnalyzeLock(OperationAnalysisContext context, BlockingCatalog catalog, CallSummaries summaries)
        {
            var operation = (ILockOperation)context.Operation;
            if (operation.Syntax is not LockStatementSyntax statement
                || AsyncPaths.FindAsyncEntry(operation, context.ContainingSymbol, catalog.Known, summaries.SyncModes, out _) is null)
            {
                return;
            }

            var verdict = summaries.Locks.Judge(operation, context.CancellationToken);
            if (!verdict.Blocks || verdict.Section is null)
            {
                return;
            }

            var header = TextSpan.FromBounds(statement.LockKeyword.SpanStart, statement.CloseParenToken.Span.End);
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.BlockingCallInAsyncPath,
                Location.Create(statement.SyntaxTree, header),
                ImmutableDictionary<string, string?>.Empty.Add(FixKey, FixKinds.None),
                "lock (" + statement.Expression + ")",
                verdict.Section + "; keep blocking work out of the lock, or guard it with SemaphoreSlim.WaitAsync"));
        }
    }

    /// <summary>The rewrites the ASPH1001 code fix knows; chosen by the analyzer, checked again by the fix.</summary>
    internal static class FixKinds
    {
        public const string None = "None";
        public const string Await = "Await";
        public const string WhenAll = "WhenAll";
        public const string WhenAny = "WhenAny";
        public const string Delay = "Delay";
        public const string Twin = "Twin";

        public static string For(IOperation operation, BlockingMember member)
        {
            var arguments = operation is IInvocationOperation invocation ? invocation.Arguments : ImmutableArray<IArgumentOperation>.Empty;
            var resultUsed = operation.Parent is not IExpressionStatementOperation;
            switch (member.Category)
            {
                case BlockingCategory.TaskResult:
                    return Await;
                case BlockingCategory.TaskWait:
                    return arguments.Length == 0 ? Await : member.AsyncName is not null || arguments.Length > 0 ? Twin : None;
                case BlockingCategory.TaskWaitAll:
                    return !resultUsed && OnlyTasks(arguments) ? WhenAll : None;
                case BlockingCategory.TaskWaitAny:
                    return !resultUsed && OnlyTasks(arguments) ? WhenAny : None;
                case BlockingCategory.Sleep:
                    return Delay;
                default:
                    return member.AsyncName is not null && member.Symbol is IMethodSymbol ? Twin : None;
            }
        }

        private static bool OnlyTasks(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type is IArrayTypeSymbol { ElementType.Name: "Task" })
                {
                    continue;
                }

                return false;
            }

            return true;
        }
    }
}
