using System.Collections.Immutable;
using System.Linq;
using Asphalt.Generators.Components;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// Suppresses CS0114 ("hides inherited member") on a <c>[Component]</c>'s own
    /// <c>PrepareAsync</c>/<c>StartAsync(Context, CancellationToken)</c>: the natural way to write a step
    /// that returns a typed result. Hiding is intended there: the generated wiring overrides the hook
    /// the runtime calls and forwards to the user's method. Any other hiding is still reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class StepMethodSuppressor : DiagnosticSuppressor
    {
        /// <summary>The suppression of CS0114 on step methods.</summary>
        public static readonly SuppressionDescriptor HidingStep = new(
            "ASPHSUP0001",
            "CS0114",
            "A [Component]'s step method with the base class's parameters is forwarded to by the generated wiring; hiding Component's method is intended");

        /// <inheritdoc />
        public override ImmutableArray<SuppressionDescriptor> SupportedSuppressions { get; } = ImmutableArray.Create(HidingStep);

        /// <inheritdoc />
        public override void ReportSuppressions(SuppressionAnalysisContext context)
        {
            foreach (var diagnostic in context.ReportedDiagnostics)
            {
                var tree = diagnostic.Location.SourceTree;
                if (tree is null)
                {
                    continue;
                }

                var node = tree.GetRoot(context.CancellationToken).FindNode(diagnostic.Location.SourceSpan);
                var model = context.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(node, context.CancellationToken) is IMethodSymbol { Name: "PrepareAsync" or "StartAsync" } method
                    && method.Parameters.Length == 2
                    && method.Parameters[0].Type.ToDisplayString() == "Asphalt.Context"
                    && method.Parameters[1].Type.ToDisplayString() == "System.Threading.CancellationToken"
                    && method.ContainingType.GetAttributes().Any(ComponentGenerator.Parser.IsComponentAttribute))
                {
                    context.ReportSuppression(Suppression.Create(HidingStep, diagnostic));
                }
            }
        }
    }
}
