using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Diagnostics
{
    /// <summary>The descriptors of the wiring diagnostics.</summary>
    public static class DiagnosticDescriptors
    {
        private const string Category = "Asphalt.Wiring";

        /// <summary>
        /// ASPH0001. Format: <c>Component '{0}' ({1}) takes resource {2} '{3}' in {4}, but no component in the tree of '{5}' provides it{6}{7}</c>.
        /// </summary>
        public static readonly DiagnosticDescriptor MissingResource = Create(
            DiagnosticIds.MissingResource,
            "Resource is not provided by any component",
            "Component '{0}' ({1}) takes resource {2} '{3}' in {4}, but no component in the tree of '{5}' provides it{6}{7}",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0002. Format: <c>Resource {0} '{1}' is provided twice in the tree of '{2}': by '{3}' ({4}) and by '{5}' ({6}); give one of them another name</c>.</summary>
        public static readonly DiagnosticDescriptor ConflictingProviders = Create(
            DiagnosticIds.ConflictingProviders,
            "Resource is provided by more than one component",
            "Resource {0} '{1}' is provided twice in the tree of '{2}': by '{3}' ({4}) and by '{5}' ({6}); give one of them another name",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0003. Format: <c>Start-up of the tree of '{0}' would deadlock: {1}; break the cycle, e.g. publish one of these resources in PrepareAsync or take it in RunAsync</c>.</summary>
        public static readonly DiagnosticDescriptor DependencyCycle = Create(
            DiagnosticIds.DependencyCycle,
            "Resource dependencies form a cycle",
            "Start-up of the tree of '{0}' would deadlock: {1}; break the cycle, e.g. publish one of these resources in PrepareAsync or take it in RunAsync",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0004. Format: <c>Component '{0}' cannot be wired: {1}</c>.</summary>
        public static readonly DiagnosticDescriptor InvalidComponent = Create(
            DiagnosticIds.InvalidComponent,
            "Invalid component shape",
            "Component '{0}' cannot be wired: {1}",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0005. Format: <c>Options type '{0}' of component '{1}' cannot be bound from configuration: {2}</c>.</summary>
        public static readonly DiagnosticDescriptor UnbindableOptions = Create(
            DiagnosticIds.UnbindableOptions,
            "Options type cannot be bound",
            "Options type '{0}' of component '{1}' cannot be bound from configuration: {2}",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0006. Format: <c>Resource {0} '{1}' published by '{2}' ({3}) is not taken by any component in the tree of '{4}'</c>.</summary>
        public static readonly DiagnosticDescriptor UnusedResource = Create(
            DiagnosticIds.UnusedResource,
            "Resource is not used by any component",
            "Resource {0} '{1}' published by '{2}' ({3}) is not taken by any component in the tree of '{4}'",
            DiagnosticSeverity.Warning);

        /// <summary>ASPH0007. Format: <c>Component '{0}': {1}</c>.</summary>
        public static readonly DiagnosticDescriptor InvalidResourceDeclaration = Create(
            DiagnosticIds.InvalidResourceDeclaration,
            "Invalid resource, signal or listener declaration",
            "Component '{0}': {1}",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0008. Format: <c>Component '{0}': {1}</c>.</summary>
        public static readonly DiagnosticDescriptor InvalidChildComponent = Create(
            DiagnosticIds.InvalidChildComponent,
            "Invalid child component",
            "Component '{0}': {1}",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0009. Format: <c>Component alias '{0}' is used by both '{1}' and '{2}'; configuration could not tell them apart</c>.</summary>
        public static readonly DiagnosticDescriptor DuplicateAlias = Create(
            DiagnosticIds.DuplicateAlias,
            "Duplicate component alias",
            "Component alias '{0}' is used by both '{1}' and '{2}'; configuration could not tell them apart",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0010. Format: <c>Component '{0}' takes the optional resource {1} '{2}' ({3}), which '{4}' publishes, but nothing makes '{4}' publish it first; the parameter may get its default by chance. Make it required to wait for it</c>.</summary>
        public static readonly DiagnosticDescriptor OptionalResourceRace = Create(
            DiagnosticIds.OptionalResourceRace,
            "Optional resource may not be published yet",
            "Component '{0}' takes the optional resource {1} '{2}' ({3}), which '{4}' publishes, but nothing makes '{4}' publish it first; the parameter may get its default by chance. Make it required to wait for it",
            DiagnosticSeverity.Warning);

        /// <summary>ASPH0011. Format: <c>Configuration file cannot be read: {0}</c>.</summary>
        public static readonly DiagnosticDescriptor ConfigurationSyntax = Create(
            DiagnosticIds.ConfigurationSyntax,
            "Configuration file cannot be parsed",
            "Configuration file cannot be read: {0}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0012. Format: <c>{0}: {1}</c>, the key path and the shared tree builder's message (<c>unknown component type 'x' …</c>).</summary>
        public static readonly DiagnosticDescriptor UnknownComponentType = Create(
            DiagnosticIds.UnknownComponentType,
            "Unknown component type in configuration",
            "{0}: {1}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0013. Format: <c>{0}: '{1}' is not an option of component '{2}' ({3}); the known keys are {4}{5}</c>.</summary>
        public static readonly DiagnosticDescriptor UnknownOption = Create(
            DiagnosticIds.UnknownOption,
            "Unknown option key in configuration",
            "{0}: '{1}' is not an option of component '{2}' ({3}); the known keys are {4}{5}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0014. Format: <c>{0}: {1}; component '{2}' ({3}) expects {4} here</c>.</summary>
        public static readonly DiagnosticDescriptor InvalidOptionValue = Create(
            DiagnosticIds.InvalidOptionValue,
            "Option value of the wrong type in configuration",
            "{0}: {1}; component '{2}' ({3}) expects {4} here",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0015. Format: <c>{0}</c>, the shared tree builder's message (<c>component 'app/web' (…) takes resource …</c>).</summary>
        public static readonly DiagnosticDescriptor ConfiguredResourceMissing = Create(
            DiagnosticIds.ConfiguredResourceMissing,
            "Configured tree leaves a resource unprovided",
            "{0}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0016. Format: <c>{0}</c>, the shared tree builder's message (<c>resource T 'name' is published by both …</c>).</summary>
        public static readonly DiagnosticDescriptor ConfiguredResourceConflict = Create(
            DiagnosticIds.ConfiguredResourceConflict,
            "Configured tree publishes a resource twice",
            "{0}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0017. Format: <c>{0}: {1}</c>.</summary>
        public static readonly DiagnosticDescriptor InvalidConfigurationShape = Create(
            DiagnosticIds.InvalidConfigurationShape,
            "Invalid configuration structure",
            "{0}: {1}",
            DiagnosticSeverity.Error,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0018. Format: <c>{0}: required option '{1}' ({2}) of component '{3}' ({4}) is not set in this file; set it here, or make sure an environment variable or --set provides it</c>.</summary>
        public static readonly DiagnosticDescriptor RequiredOptionNotSet = Create(
            DiagnosticIds.RequiredOptionNotSet,
            "Required option not set in configuration",
            "{0}: required option '{1}' ({2}) of component '{3}' ({4}) is not set in this file; set it here, or make sure an environment variable or --set provides it",
            DiagnosticSeverity.Warning,
            WellKnownDiagnosticTags.CompilationEnd);

        /// <summary>ASPH0019. Format: <c>Component '{0}': {1} '{2}' is async void, so start-up cannot await it and its exception would crash the process; return Task (or ValueTask) instead of void</c>.</summary>
        public static readonly DiagnosticDescriptor AsyncVoidMethod = Create(
            DiagnosticIds.AsyncVoidMethod,
            "Step method or listener is async void",
            "Component '{0}': {1} '{2}' is async void, so start-up cannot await it and its exception would crash the process; return Task (or ValueTask) instead of void",
            DiagnosticSeverity.Error);

        /// <summary>ASPH0020. Format: <c>Options type '{0}' of component '{1}': {2}; check the value in a step, or implement IValidatableObject</c>.</summary>
        public static readonly DiagnosticDescriptor UncheckedValidationAttribute = Create(
            DiagnosticIds.UncheckedValidationAttribute,
            "Validation attribute not checked by generated options binding",
            "Options type '{0}' of component '{1}': {2}; check the value in a step, or implement IValidatableObject",
            DiagnosticSeverity.Warning);

        /// <summary>ASPH0021. Format: <c>Component '{0}': signal '{1}' is bridged to channel '{2}', but no JsonSerializerContext in this assembly has [JsonSerializable(typeof({3}))] ...</c>.</summary>
        public static readonly DiagnosticDescriptor BridgedEventWithoutJsonMetadata = Create(
            DiagnosticIds.BridgedEventWithoutJsonMetadata,
            "Bridged event type has no System.Text.Json metadata",
            Asphalt.Trees.TreeMessages.BridgedEventWithoutJsonMetadataFormat,
            DiagnosticSeverity.Error);

        /// <summary>ASPH0022. Format: <c>Component '{0}': signal '{1}' is bridged to channel '{2}', but its event type '{3}' does not survive the trip as JSON: {4}</c>.</summary>
        public static readonly DiagnosticDescriptor UnserializableBridgedEvent = Create(
            DiagnosticIds.UnserializableBridgedEvent,
            "Bridged event type cannot round-trip through System.Text.Json",
            "Component '{0}': signal '{1}' is bridged to channel '{2}', but its event type '{3}' does not survive the trip as JSON: {4}",
            DiagnosticSeverity.Error);

        private static DiagnosticDescriptor Create(string id, string title, string message, DiagnosticSeverity severity, params string[] tags) =>
            new(id, title, message, Category, severity, isEnabledByDefault: true,
                helpLinkUri: DiagnosticIds.HelpUri(id), customTags: tags);
    }
}
