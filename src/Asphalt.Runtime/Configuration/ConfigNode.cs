namespace Asphalt.Configuration;

/// <summary>
/// The configuration tree as read from files, before it is flattened into
/// <see cref="Microsoft.Extensions.Configuration"/> keys: merging works on it (mappings merge,
/// everything else is replaced), and every node remembers where it was written.
/// </summary>
internal abstract class ConfigNode(SourceLocation location)
{
    public SourceLocation Location { get; set; } = location;

    public abstract ConfigNode Clone();
}

/// <summary>A mapping; keys compare case-insensitively, as configuration keys do, and keep their order.</summary>
internal sealed class ConfigMapping(SourceLocation location) : ConfigNode(location)
{
    public OrderedDictionary<string, ConfigNode> Entries { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where each key was written (the key's own line, which is what an error should point at).</summary>
    public Dictionary<string, SourceLocation> KeyLocations { get; } = new(StringComparer.OrdinalIgnoreCase);

    public ConfigNode? this[string key] => Entries.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, ConfigNode value, SourceLocation keyLocation)
    {
        Entries[key] = value;
        KeyLocations[key] = keyLocation;
    }

    public bool Remove(string key)
    {
        KeyLocations.Remove(key);
        return Entries.Remove(key);
    }

    public SourceLocation LocationOf(string key) =>
        KeyLocations.TryGetValue(key, out var location) ? location : Location;

    public override ConfigNode Clone()
    {
        var copy = new ConfigMapping(Location);
        foreach (var (key, value) in Entries)
        {
            copy.Set(key, value.Clone(), LocationOf(key));
        }

        return copy;
    }
}

/// <summary>A sequence; replaced as a whole when merged, never concatenated.</summary>
internal sealed class ConfigSequence(SourceLocation location) : ConfigNode(location)
{
    public List<ConfigNode> Items { get; } = [];

    public override ConfigNode Clone()
    {
        var copy = new ConfigSequence(Location);
        foreach (var item in Items)
        {
            copy.Items.Add(item.Clone());
        }

        return copy;
    }
}

/// <summary>
/// A scalar; <see cref="IsSecret"/> when it was read from an environment variable or a file, and
/// <see cref="SecretMaterial"/> what the environment or the files supplied to it.
/// </summary>
internal sealed class ConfigScalar(SourceLocation location, string? value, bool isSecret = false, IReadOnlyList<string>? secretMaterial = null)
    : ConfigNode(location)
{
    public string? Value { get; } = value;

    public bool IsSecret { get; } = isSecret;

    /// <summary>The secret texts this value took in (a substituted variable or file; all of it for a tag or a prefixed variable).</summary>
    public IReadOnlyList<string> SecretMaterial { get; } = secretMaterial ?? [];

    public override ConfigNode Clone() => new ConfigScalar(Location, Value, IsSecret, SecretMaterial);

    public static string Describe(ConfigNode node) => node switch
    {
        ConfigMapping => "a mapping",
        ConfigSequence => "a list",
        ConfigScalar { Value: null } => "empty",
        ConfigScalar { IsSecret: true } => "a secret value",
        ConfigScalar scalar => $"'{scalar.Value}'",
        _ => "a value",
    };
}
