using Asphalt.Trees;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>A configuration section (or a whole configuration, for generated <c>Create</c>) as the shared tree builder reads it.</summary>
internal sealed class ConfigurationTreeSection(IConfiguration configuration, LoadedConfiguration? loaded) : TreeSection
{
    public IConfiguration Configuration { get; } = configuration;

    /// <summary>The section's path with ':' (empty for a whole configuration).</summary>
    public string Path => (Configuration as IConfigurationSection)?.Path ?? string.Empty;

    /// <summary>The section, for a child (children are always sections).</summary>
    public IConfigurationSection Section => (IConfigurationSection)Configuration;

    public override string KeyPath => Asphalt.Configuration.KeyPath.FromConfigurationPath(Path);

    // Configuration keeps a list as keys 0, 1 … like a mapping. The loaded configuration remembers which were
    // lists; any other (a host's appsettings.json) is read as its own binder reads arrays: keys 0 to n−1.
    protected override SectionShape WrittenShape =>
        ScalarText is not null ? SectionShape.Scalar
        : Configuration is ShapedConfigurationSection shaped ? (shaped.IsList ? SectionShape.List : MappingOrEmpty())
        : IsNumbered() ? SectionShape.List
        : MappingOrEmpty();

    private SectionShape MappingOrEmpty() => Configuration.GetChildren().Any() ? SectionShape.Mapping : SectionShape.Empty;

    private bool IsNumbered()
    {
        var index = 0;
        // GetChildren sorts keys as ConfigurationKeyComparer does: numbers numerically.
        foreach (var child in Configuration.GetChildren())
        {
            if (child.Key != index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return false;
            }

            index++;
        }

        return index > 0;
    }

    protected override string? ScalarText => (Configuration as IConfigurationSection)?.Value;

    // The run sees every value as it is: substitutions are done.
    protected override bool IsKnownOnlyAtRunTime => false;

    public override TreeSection Components => Child(TreeRules.ComponentsKey);

    // Configuration returns keys sorted; take them in the order they were written instead.
    public override IEnumerable<string> Keys =>
        Configuration.GetChildren().OrderBy(c => loaded?.LocationOf(c.Path).Line ?? 0).Select(c => c.Key);

    public override TreeSection Child(string key) => new ConfigurationTreeSection(Configuration.GetSection(key), loaded);

    public override string? Value(string key) => Configuration[key];

    /// <summary>The shared builder's view of a registered type.</summary>
    public static TreeType TypeOf(ComponentTypeInfo type) => new(
        type.Alias,
        type.TypeName,
        type.Children,
        [.. type.Provides.Select(Resource)],
        [.. type.Consumes.Select(Resource)],
        type);

    private static TreeResource Resource(ResourceDeclaration declaration) =>
        new(declaration.Type, declaration.Name, declaration.IsSignal, declaration.IsOptional, declaration.NameOption,
            declaration.InPrepare ? TreeStep.Prepare : declaration.InRun ? TreeStep.Run : TreeStep.Start,
            declaration.EventType, declaration.IsBridgeable);
}
