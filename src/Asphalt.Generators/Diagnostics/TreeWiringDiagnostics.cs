using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Components;
using Asphalt.Generators.Models;
using Asphalt.Generators.Packages;
using Asphalt.Generators.Wiring;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// The wiring of one compilation: every <c>[Component]</c> in its source parsed once and planned
    /// together, on first request, by whichever analysis asks first. Per-component diagnostics are
    /// reported from it per symbol, tree-wide ones per document.
    /// </summary>
    /// <remarks>
    /// The tree-wide diagnostics (missing, conflicting and unused resources, cycles, duplicate
    /// aliases, optional-resource races) used to be reported at compilation end, which an IDE only
    /// runs with full-solution analysis, so they were build-only. Reported per document from this
    /// shared result instead, they show in every open file as you type, and a build reports each
    /// once, in its own document.
    /// </remarks>
    internal sealed class TreeWiringDiagnostics(Compilation compilation)
    {
        private readonly object _gate = new();
        private Result? _result;
        private System.Runtime.ExceptionServices.ExceptionDispatchInfo? _failure;

        /// <summary>The diagnostics of one component's own declaration (shape, options, resources, children).</summary>
        public IReadOnlyList<Diagnostic> Of(INamedTypeSymbol type, CancellationToken cancellationToken) =>
            Get(cancellationToken).ComponentDiagnostics.TryGetValue(type, out var diagnostics) ? diagnostics : System.Array.Empty<Diagnostic>();

        /// <summary>The component models of the compilation (with locations) and of its referenced packages, for the configuration-file checks.</summary>
        public IReadOnlyList<ComponentModel> Models(CancellationToken cancellationToken) => Get(cancellationToken).Models;

        /// <summary>
        /// The tree-wide diagnostics located in <paramref name="tree"/>. One located nowhere in source
        /// (not expected: every location comes from a source declaration) goes with the first
        /// component's document, which is always analyzed, so none is lost.
        /// </summary>
        public IEnumerable<Diagnostic> In(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var result = Get(cancellationToken);
            return result.Diagnostics.Where(d => (d.Location.SourceTree ?? result.FallbackTree) == tree);
        }

        // A cancelled computation is not kept (the next request computes it again); a failure is,
        // so a bug costs one failed computation, not one per document.
        private Result Get(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                _failure?.Throw();
                try
                {
                    return _result ??= Compute(cancellationToken);
                }
                catch (System.Exception error) when (error is not System.OperationCanceledException)
                {
                    _failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error);
                    throw;
                }
            }
        }

        private Result Compute(CancellationToken cancellationToken)
        {
            var models = new List<ComponentModel>();
            var componentDiagnostics = new Dictionary<INamedTypeSymbol, IReadOnlyList<Diagnostic>>(SymbolEqualityComparer.Default);
            foreach (var type in SourceTypes(compilation.Assembly.GlobalNamespace))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!type.GetAttributes().Any(ComponentGenerator.Parser.IsComponentAttribute))
                {
                    continue;
                }

                var diagnostics = new List<Diagnostic>();
                if (ComponentGenerator.Parser.Parse(type, diagnostics, cancellationToken) is { } model)
                {
                    models.Add(model with { HandlerParameters = EndpointHandlerParameters.Find(type, compilation, withLocations: true, cancellationToken) });
                }

                componentDiagnostics[type] = diagnostics;
            }

            // Components of referenced packages take part in the trees and the configuration checks;
            // their own problems were reported when their package was built.
            models.AddRange(ReferencedComponents.Read(compilation, cancellationToken));
            var problems = new List<WiringProblem>();
            WiringPlanner.Plan(models, problems, cancellationToken);
            var fallback = models.Select(m => m.Location?.FilePath).FirstOrDefault(p => p is not null) is { } path
                ? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path)
                : null;
            return new Result(models, componentDiagnostics, problems.Select(p => p.ToDiagnostic(compilation)).ToImmutableArray(), fallback ?? compilation.SyntaxTrees.FirstOrDefault());
        }

        private static IEnumerable<INamedTypeSymbol> SourceTypes(INamespaceSymbol ns)
        {
            foreach (var member in ns.GetMembers())
            {
                if (member is INamespaceSymbol inner)
                {
                    foreach (var type in SourceTypes(inner))
                    {
                        yield return type;
                    }
                }
                // Types in generated files count too, as for the generator when they are checked in;
                // another generator's [Component] output is outside what the Asphalt generator sees.
                else if (member is INamedTypeSymbol type && type.Locations.Any(l => l.IsInSource))
                {
                    foreach (var nested in WithNested(type))
                    {
                        yield return nested;
                    }
                }
            }
        }

        private static IEnumerable<INamedTypeSymbol> WithNested(INamedTypeSymbol type)
        {
            yield return type;
            foreach (var nested in type.GetTypeMembers().SelectMany(WithNested))
            {
                yield return nested;
            }
        }

        private sealed class Result(
            IReadOnlyList<ComponentModel> models,
            Dictionary<INamedTypeSymbol, IReadOnlyList<Diagnostic>> componentDiagnostics,
            ImmutableArray<Diagnostic> diagnostics,
            SyntaxTree? fallbackTree)
        {
            public IReadOnlyList<ComponentModel> Models { get; } = models;

            public Dictionary<INamedTypeSymbol, IReadOnlyList<Diagnostic>> ComponentDiagnostics { get; } = componentDiagnostics;

            public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

            public SyntaxTree? FallbackTree { get; } = fallbackTree;
        }
    }
}
