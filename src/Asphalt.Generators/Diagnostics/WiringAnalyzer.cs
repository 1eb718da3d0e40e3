using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Asphalt.Generators.Components;
using Asphalt.Generators.Models;
using Asphalt.Generators.Wiring;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// Reports the wiring diagnostics: per component (shape, options, declarations) as each type is
    /// analyzed; per tree (missing, conflicting, unused resources, cycles) in each document, from
    /// one shared plan of the compilation (<see cref="TreeWiringDiagnostics"/>); and, at the end of
    /// the compilation, the configuration files listed as <c>AdditionalFiles</c> (ASPH0011–ASPH0018). It runs the generator's own parser and planner, with locations, so the build
    /// errors and the generated code always agree.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class WiringAnalyzer : DiagnosticAnalyzer
    {
        /// <inheritdoc />
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
            DiagnosticDescriptors.MissingResource,
            DiagnosticDescriptors.ConflictingProviders,
            DiagnosticDescriptors.DependencyCycle,
            DiagnosticDescriptors.InvalidComponent,
            DiagnosticDescriptors.UnbindableOptions,
            DiagnosticDescriptors.UnusedResource,
            DiagnosticDescriptors.InvalidResourceDeclaration,
            DiagnosticDescriptors.InvalidChildComponent,
            DiagnosticDescriptors.DuplicateAlias,
            DiagnosticDescriptors.OptionalResourceRace,
            DiagnosticDescriptors.ConfigurationSyntax,
            DiagnosticDescriptors.UnknownComponentType,
            DiagnosticDescriptors.UnknownOption,
            DiagnosticDescriptors.InvalidOptionValue,
            DiagnosticDescriptors.ConfiguredResourceMissing,
            DiagnosticDescriptors.ConfiguredResourceConflict,
            DiagnosticDescriptors.InvalidConfigurationShape,
            DiagnosticDescriptors.RequiredOptionNotSet,
            DiagnosticDescriptors.AsyncVoidMethod,
            DiagnosticDescriptors.UncheckedValidationAttribute,
            DiagnosticDescriptors.BridgedEventWithoutJsonMetadata,
            DiagnosticDescriptors.UnserializableBridgedEvent);

        /// <inheritdoc />
        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                if (start.Compilation.GetTypeByMetadataName(ComponentGenerator.Parser.ComponentAttribute) is null)
                {
                    return; // Asphalt.Runtime is not referenced.
                }

                // One parse and plan of the compilation (see TreeWiringDiagnostics): each component's own
                // problems reported per symbol, tree-wide ones per document; both live in the IDE.
                var tree = new TreeWiringDiagnostics(start.Compilation);
                start.RegisterSymbolAction(symbol =>
                {
                    if (symbol.Symbol.GetAttributes().Any(ComponentGenerator.Parser.IsComponentAttribute))
                    {
                        foreach (var diagnostic in tree.Of((INamedTypeSymbol)symbol.Symbol, symbol.CancellationToken))
                        {
                            symbol.ReportDiagnostic(diagnostic);
                        }
                    }
                }, SymbolKind.NamedType);

                start.RegisterSemanticModelAction(document =>
                {
                    foreach (var diagnostic in tree.In(document.SemanticModel.SyntaxTree, document.CancellationToken))
                    {
                        document.ReportDiagnostic(diagnostic);
                    }
                });

                // Configuration files listed as AdditionalFiles, against the same models.
                start.RegisterCompilationEndAction(end => ConfigurationFileAnalysis.Run(end, tree.Models(end.CancellationToken)));
            });
        }
    }
}
