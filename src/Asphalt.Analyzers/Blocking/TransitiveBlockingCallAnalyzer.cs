using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Analyzers.Blocking
{
    /// <summary>
    /// ASPH1002: a call on an async path to sync code that blocks, directly or several calls
    /// deeper. Reported at the call in the async body with the chain in the message and the
    /// first blocking call as an additional location; each call site once, with the other blocking
    /// calls it reaches counted in the message, and each blocking call once per async entry.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class TransitiveBlockingCallAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Diagnostic property: how many other blocking calls the reported call reaches.</summary>
        public const string OtherLeavesKey = "OtherBlockingCalls";

        /// <summary>Other blocking calls named in the message; the rest are only counted.</summary>
        private const int MaxListed = 3;

        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(DiagnosticDescriptors.TransitiveBlockingCall);

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
                start.RegisterOperationBlockStartAction(block =>
                {
                    // Only members that can contain an async path: async/Task-returning ones, or any
                    // member with a lambda or local function in it (checked per operation).
                    var reported = new ConcurrentDictionary<(SyntaxNode Entry, Location Leaf), byte>();
                    block.RegisterOperationAction(
                        operationContext => Analyze(operationContext, catalog, summaries, reported),
                        OperationKind.Invocation,
                        OperationKind.PropertyReference,
                        OperationKind.ObjectCreation);
                    block.RegisterOperationAction(
                        operationContext => AnalyzeDelegateArgument(operationContext, catalog, summaries, reported),
                        OperationKind.Argument);
                });
            });
        }

        private static void Analyze(
            OperationAnalysisContext context,
            BlockingCatalog catalog,
            CallSummaries summaries,
            ConcurrentDictionary<(SyntaxNode, Location), byte> reported)
        {
            var operation = context.Operation;
            if (catalog.Match(operation) is not null)
            {
                return; // a direct blocking call is ASPH1001's
            }

            var callee = summaries.GetCallee(operation);
            if (callee is null)
            {
                return;
            }

            var entry = AsyncPaths.FindAsyncEntry(operation, context.ContainingSymbol, catalog.Known, summaries.SyncModes, out _);
            Report(context, summaries, reported, operation, callee, entry);
        }

        /// <summary>
        /// A sync method group or lambda handed to a method that invokes it in place: it runs on that
        /// method's async path when the method is async, otherwise on the caller's.
        /// </summary>
        private static void AnalyzeDelegateArgument(
            OperationAnalysisContext context,
            BlockingCatalog catalog,
            CallSummaries summaries,
            ConcurrentDictionary<(SyntaxNode, Location), byte> reported)
        {
            var argument = (Microsoft.CodeAnalysis.Operations.IArgumentOperation)context.Operation;
            var callee = summaries.ArgumentCallee(argument);
            if (callee is null || argument.Parent is not Microsoft.CodeAnalysis.Operations.IInvocationOperation invocation)
            {
                return;
            }

            var entry = AsyncPaths.IsAsyncMember(invocation.TargetMethod, catalog.Known)
                ? argument
                : AsyncPaths.FindAsyncEntry(argument, context.ContainingSymbol, catalog.Known, summaries.SyncModes, out _);
            Report(context, summaries, reported, argument, callee, entry);
        }

        private static void Report(
            OperationAnalysisContext context,
            CallSummaries summaries,
            ConcurrentDictionary<(SyntaxNode, Location), byte> reported,
            IOperation operation,
            Callee callee,
            IOperation? entry)
        {
            // No own-async-wrapper exemption here: TokenAsync() returning Token still blocks its
            // caller, and the offload fix cannot recurse the way "use TokenAsync" would.
            if (entry is null)
            {
                return;
            }

            // One finding per call site: the first blocking call not yet reported for this async entry
            // names the chain; the others the same call reaches are counted and listed (at most MaxListed).
            var chains = new List<BlockingChain>();
            foreach (var found in summaries.Summarize(callee, context.CancellationToken))
            {
                if (summaries.AtCallSite(found, operation, callee) is { } atCall)
                {
                    chains.Add(atCall);
                }
            }

            var news = chains.Where(c => reported.TryAdd((entry.Syntax, c.LeafLocation), 0)).ToList();
            if (news.Count == 0)
            {
                return;
            }

            var chain = news[0];
            var others = chains.Where(c => c != chain).ToList();
            var hops = chain.Prepend(callee.Display).Hops;
            var first = callee.Display;
            var arrow = first.IndexOf(" → ", System.StringComparison.Ordinal);
            first = arrow > 0 ? first.Substring(0, arrow) : first;
            // The leaf's rewrite travels with the diagnostic, as ASPH1001's does, for "make the chain async".
            var properties = ImmutableDictionary<string, string?>.Empty
                .Add(BlockingCallAnalyzer.FixKey, chain.LeafFix)
                .Add(BlockingCallAnalyzer.AsyncNameKey, chain.Leaf.AsyncName)
                .Add(OtherLeavesKey, others.Count.ToString(CultureInfo.InvariantCulture));
            context.ReportDiagnostic(Diagnostic.Create(
                DiagnosticDescriptors.TransitiveBlockingCall,
                operation.Syntax.GetLocation(),
                additionalLocations: new[] { chain.LeafLocation },
                properties: properties,
                messageArgs: new object[]
                {
                    first,
                    string.Join(" → ", hops) + DescribeOthers(others),
                    "make the chain async and " + chain.Leaf.Advice + ", or offload the call with Offload.RunAsync",
                }));
        }

        /// <summary>" (and 2 more blocking calls through this call: Thread.Sleep(int) at C.cs:12, ...)", or nothing.</summary>
        private static string DescribeOthers(List<BlockingChain> others)
        {
            if (others.Count == 0)
            {
                return "";
            }

            var listed = others.Take(MaxListed).Select(c =>
            {
                var line = c.LeafLocation.GetLineSpan();
                return c.Leaf.Display + " at " + Path.GetFileName(line.Path) + ":" + (line.StartLinePosition.Line + 1).ToString(CultureInfo.InvariantCulture);
            });
            var rest = others.Count > MaxListed ? ", ..." : "";
            return " (and " + others.Count.ToString(CultureInfo.InvariantCulture) + " more blocking call" + (others.Count == 1 ? "" : "s")
                + " through this call: " + string.Join(", ", listed) + rest + ")";
        }
    }
}
