using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Components;
using Asphalt.Generators.Models;
using Asphalt.Generators.Wiring;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// The tree-wide wiring of one compilation (every <c>[Component]</c> in its source, planned
    /// together), computed once, on first request, by whichever document's analysis asks first.
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

        /// <summary>The component models of the compilation (with locations), for the configuration-file checks.</summary>
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
            var ignored = new List<Diagnostic>(); // Per-component diagnostics come from the symbol action.
            foreach (var type in SourceTypes(compilation.Assembly.GlobalNamespace))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (type.GetAttributes().Any(ComponentGenerator.Parser.IsComponentAttribute)
                    && ComponentGenerator.Parser.Parse(type, ignored, cancellationToken) is { } model)
                {
                    models.Add(model);
                }
            }

            var problems = new List<WiringProblem>();
            WiringPlanner.Plan(models, problems, cancellationToken);
            var fallback = models.Select(m => m.Location?.FilePath).FirstOrDefault(p => p is not null) is { } path
                ? compilation.SyntaxTrees.FirstOrDefault(t => t.FilePath == path)
                : null;
            return new Result(models, problems.Select(p => p.ToDiagnostic(compilation)).ToImmutableArray(), fallback ?? compilation.SyntaxTrees.FirstOrDefault());
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

        private sealed class Result(IReadOnlyList<ComponentModel> models, ImmutableArray<Diagnostic> diagnostics, SyntaxTree? fallbackTree)
        {
            public IReadOnlyList<ComponentModel> Models { get; } = models;

            public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;

            public SyntaxTree? FallbackTree { get; } = fallbackTree;
        }
    }
}
