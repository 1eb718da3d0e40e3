using System.Collections.Concurrent;
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
    /// analyzed, and per tree (missing, conflicting, unused resources, cycles) at the end of the
    /// compilation, then the configuration files listed as <c>AdditionalFiles</c> (ASPH0011–ASPH0018). It runs the generator's own parser and planner, with locations, so the build
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
            DiagnosticDescriptors.RequiredOptionNotSet);

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

                var models = new ConcurrentBag<ComponentModel>();
                start.RegisterSymbolAction(symbol =>
                {
                    var type = (INamedTypeSymbol)symbol.Symbol;
                    if (!type.GetAttributes().Any(ComponentGenerator.Parser.IsComponentAttribute))
                    {
                        return;
                    }

                    var diagnostics = new List<Diagnostic>();
                    var model = ComponentGenerator.Parser.Parse(type, diagnostics, symbol.CancellationToken);
                    foreach (var diagnostic in diagnostics)
                    {
                        symbol.ReportDiagnostic(diagnostic);
                    }

                    if (model is not null)
                    {
                        models.Add(model);
                    }
                }, SymbolKind.NamedType);

                start.RegisterCompilationEndAction(end =>
                {
                    var problems = new List<WiringProblem>();
                    WiringPlanner.Plan(models, problems, end.CancellationToken);
                    foreach (var problem in problems)
                    {
                        end.ReportDiagnostic(problem.ToDiagnostic(end.Compilation));
                    }

                    // Configuration files listed as AdditionalFiles, against the same models.
                    ConfigurationFileAnalysis.Run(end, models);
                });
            });
        }
    }
}
