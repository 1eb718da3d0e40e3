namespace Asphalt.Generators
{
    /// <summary>Names of the tracked pipeline steps, for incrementality tests.</summary>
    public static class TrackingNames
    {
        /// <summary>One <c>ComponentModel</c> per <c>[Component]</c> class (the FAWMN transform).</summary>
        public const string Components = nameof(Components);

        /// <summary>The models that parsed, nulls removed.</summary>
        public const string ValidComponents = nameof(ValidComponents);

        /// <summary>The components of referenced assemblies (component packages), read from their manifests.</summary>
        public const string ReferencedComponents = nameof(ReferencedComponents);

        /// <summary>The whole-assembly wiring model: registry and per-root plans (after the one Collect()).</summary>
        public const string Wiring = nameof(Wiring);

        /// <summary>The compilation facts the emitted code depends on (assembly name, optional Runtime types).</summary>
        public const string CompilationFacts = nameof(CompilationFacts);

        /// <summary>Whether the <c>AsphaltGraphOutput</c> MSBuild property asks for the graph file.</summary>
        public const string GraphOption = nameof(GraphOption);

        /// <summary>Per component, the resources its tree declares (for <c>IResourceCatalog</c>).</summary>
        public const string ResourceCatalogs = nameof(ResourceCatalogs);

        /// <summary>Whether the referenced Runtime has <c>Asphalt.IResourceCatalog</c>.</summary>
        public const string ResourceCatalogFacts = nameof(ResourceCatalogFacts);
    }
}
