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

        /// <summary>The component models of the compilation (with locations), for the configuration-file checks.</summary>
        public IReadOnlyList<ComponentModel> Models(CancellationToken cancellationToken) => Get(cancellationToken).Models;

        /// <summary>The tree-wide diagnostics located in <paramref name="tree"/>; the first tree also gets those located nowhere in source.</summary>
        public IEnumerable<Diagnostic> In(SyntaxTree tree, CancellationToken cancellationToken)
        {
            var result = Get(cancellationToken);
            var first = compilation.SyntaxTrees.FirstOrDefault();
            return result.Diagnostics.Where(d => d.Location.SourceTree == tree || (d.Location.SourceTree is null && tree == first));
        }

        // Not cached when cancelled: the next request computes it again.
        private Result Get(CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                return _result ??= Compute(cancellationToken);
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
            return new Result(models, problems.Select(p => p.ToDiagnostic(compilation)).ToImmutableArray());
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

        private sealed class Result(IReadOnlyList<ComponentModel> models, ImmutableArray<Diagnostic> diagnostics)
        {
            public IReadOnlyList<ComponentModel> Models { get; } = models;

            public ImmutableArray<Diagnostic> Diagnostics { get; } = diagnostics;
        }
    }
}
