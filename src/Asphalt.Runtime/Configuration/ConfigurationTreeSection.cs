using Asphalt.Trees;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>A loaded configuration section as the shared tree builder reads it.</summary>
internal sealed class ConfigurationTreeSection(IConfigurationSection section, LoadedConfiguration? configuration) : TreeSection
{
    public IConfigurationSection Section { get; } = section;

    public override string KeyPath => Asphalt.Configuration.KeyPath.FromConfigurationPath(Section.Path);

    public override SectionShape Shape =>
        Section.Value is not null ? SectionShape.Other : Section.GetChildren().Any() ? SectionShape.Mapping : SectionShape.Empty;

    public override string Describe() => $"'{Section.Value}'";

    public override TypeValueKind TypeValue(out string? text)
    {
        text = Section[TreeRules.TypeKey];
        return text is { Length: > 0 } ? TypeValueKind.Text : TypeValueKind.Absent;
    }

    public override TreeSection Components => Child(TreeRules.ComponentsKey);

    // Configuration returns keys sorted; take them in the order they were written instead.
    public override IEnumerable<string> Keys =>
        Section.GetChildren().OrderBy(c => configuration?.LocationOf(c.Path).Line ?? 0).Select(c => c.Key);

    public override TreeSection Child(string key) => new ConfigurationTreeSection(Section.GetSection(key), configuration);

    public override string? Value(string key) => Section[key];

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
            declaration.InPrepare ? TreeStep.Prepare : declaration.InRun ? TreeStep.Run : TreeStep.Start);
}
