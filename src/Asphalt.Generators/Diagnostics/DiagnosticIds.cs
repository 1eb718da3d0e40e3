namespace Asphalt.Generators.Diagnostics
{
    /// <summary>The wiring diagnostics (ASPH0xxx). Each has a page docs/diagnostics/ASPHnnnn.md.</summary>
    public static class DiagnosticIds
    {
        /// <summary>No component in the tree provides a resource that a component takes.</summary>
        public const string MissingResource = "ASPH0001";

        /// <summary>Two components in one tree provide the same resource type and name.</summary>
        public const string ConflictingProviders = "ASPH0002";

        /// <summary>Resource dependencies form a cycle that would deadlock start-up.</summary>
        public const string DependencyCycle = "ASPH0003";

        /// <summary>A component class has a shape the generator cannot wire.</summary>
        public const string InvalidComponent = "ASPH0004";

        /// <summary>A component's options type cannot be bound from configuration.</summary>
        public const string UnbindableOptions = "ASPH0005";

        /// <summary>A resource is published but no component in the tree takes it.</summary>
        public const string UnusedResource = "ASPH0006";

        /// <summary>A resource, signal or listener declaration is invalid.</summary>
        public const string InvalidResourceDeclaration = "ASPH0007";

        /// <summary>A child component declaration is invalid (alias, type, recursion).</summary>
        public const string InvalidChildComponent = "ASPH0008";

        /// <summary>Two component types share one registry alias.</summary>
        public const string DuplicateAlias = "ASPH0009";

        /// <summary>An optional resource is provided in the tree, but not necessarily before it is taken.</summary>
        public const string OptionalResourceRace = "ASPH0010";

        /// <summary>A configuration file cannot be parsed (syntax, duplicate key, several documents, bad <c>services:</c>).</summary>
        public const string ConfigurationSyntax = "ASPH0011";

        /// <summary>A configuration file names a component type that no <c>[Component]</c> registers.</summary>
        public const string UnknownComponentType = "ASPH0012";

        /// <summary>A configuration file sets a key that is not an option of the component.</summary>
        public const string UnknownOption = "ASPH0013";

        /// <summary>A configuration file gives an option a value of the wrong type.</summary>
        public const string InvalidOptionValue = "ASPH0014";

        /// <summary>The tree a configuration file configures leaves a resource unprovided.</summary>
        public const string ConfiguredResourceMissing = "ASPH0015";

        /// <summary>The tree a configuration file configures publishes a resource twice.</summary>
        public const string ConfiguredResourceConflict = "ASPH0016";

        /// <summary>A configuration file has a bad tree shape, top-level key or runner setting.</summary>
        public const string InvalidConfigurationShape = "ASPH0017";

        /// <summary>A required option is not set by the configuration file.</summary>
        public const string RequiredOptionNotSet = "ASPH0018";

        /// <summary>A step method or signal listener is <c>async void</c>: nobody can await it or see its exception.</summary>
        public const string AsyncVoidMethod = "ASPH0019";

        /// <summary>A validation attribute on an options member that generated binding does not check.</summary>
        public const string UncheckedValidationAttribute = "ASPH0020";

        /// <summary>A bridged signal's event type has no source-generated System.Text.Json metadata.</summary>
        public const string BridgedEventWithoutJsonMetadata = "ASPH0021";

        /// <summary>A bridged signal's event type cannot round-trip through System.Text.Json.</summary>
        public const string UnserializableBridgedEvent = "ASPH0022";

        /// <summary>The documentation page of a diagnostic.</summary>
        public static string HelpUri(string id) =>
            "https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/" + id + ".md";
    }
}
