using System;
using System.Collections.Generic;
using System.Threading;
using Asphalt.Generators.Configuration;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>
    /// The build-time checks of configuration files (ASPH0011–ASPH0018): every <c>AdditionalFiles</c>
    /// item with <c>AsphaltConfiguration="true"</c> is checked against the component models the
    /// <see cref="WiringAnalyzer"/> planned (<see cref="TreeWiringDiagnostics"/>). Run at compilation end, never in the generator's source
    /// pipeline, so a configuration edit leaves the generated code's cache alone.
    /// </summary>
    internal static class ConfigurationFileAnalysis
    {
        /// <summary>The item metadata marking a configuration file (made visible by Asphalt.Generators.targets).</summary>
        public const string ConfigurationMetadata = "build_metadata.AdditionalFiles.AsphaltConfiguration";

        /// <summary>Optional item metadata: the root's type alias for a file without <c>component.type</c>.</summary>
        public const string RootTypeMetadata = "build_metadata.AdditionalFiles.AsphaltRootType";

        public static void Run(CompilationAnalysisContext context, IEnumerable<ComponentModel> models)
        {
            ConfigurationSchema? schema = null;
            foreach (var file in context.Options.AdditionalFiles)
            {
                var options = context.Options.AnalyzerConfigOptionsProvider.GetOptions(file);
                if (!options.TryGetValue(ConfigurationMetadata, out var flag)
                    || !string.Equals(flag.Trim(), "true", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                options.TryGetValue(RootTypeMetadata, out var rootType);
                schema ??= ConfigurationSchema.From(models, context.CancellationToken);
                foreach (var diagnostic in Check(file, schema, rootType, context.CancellationToken))
                {
                    context.ReportDiagnostic(diagnostic);
                }
            }
        }

        private static IEnumerable<Diagnostic> Check(AdditionalText file, ConfigurationSchema schema, string? rootType, CancellationToken cancellationToken)
        {
            var text = file.GetText(cancellationToken);
            if (text is null)
            {
                return new[] { Diagnostic.Create(DiagnosticDescriptors.ConfigurationSyntax, Location.Create(file.Path, default, default), "the file cannot be read") };
            }

            var diagnostics = new List<Diagnostic>();
            try
            {
                foreach (var problem in ConfigurationChecker.Check(text.ToString(), schema, rootType))
                {
                    diagnostics.Add(problem.ToDiagnostic(file.Path, text));
                }
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                // A bug of ours must not become AD0001 and hide the file's other diagnostics.
                var at = new TextSpan(0, 0);
                diagnostics.Add(Diagnostic.Create(DiagnosticDescriptors.ConfigurationSyntax,
                    Location.Create(file.Path, at, text.Lines.GetLinePositionSpan(at)),
                    "the file could not be checked (" + failure.GetType().Name + ": " + failure.Message + "); please report this"));
            }

            return diagnostics;
        }
    }
}
