namespace Asphalt.Configuration;

/// <summary>
/// Asphalt's <c>merge_config</c>: merges <c>overrides</c> into <c>target</c>. Where both sides
/// have a mapping, the mappings merge key by key; anything else (scalars, lists) is replaced
/// whole, so lists are never concatenated. An empty override (<c>key:</c> with no value) over a
/// mapping leaves the mapping as it is, so <c>detector:</c> in a file does not erase what code declared.
/// </summary>
internal static class ConfigurationMerger
{
    public static void MergeInto(ConfigMapping target, ConfigMapping overrides)
    {
        foreach (var (key, value) in overrides.Entries)
        {
            var existing = target[key];
            if (existing is ConfigMapping existingMapping && value is ConfigMapping overrideMapping)
            {
                MergeInto(existingMapping, overrideMapping);
            }
            else if (existing is ConfigMapping && value is ConfigScalar { Value: null, IsSecret: false })
            {
                // Nothing to override.
            }
            else
            {
                target.Set(key, value.Clone(), overrides.LocationOf(key));
            }
        }
    }

    /// <summary>
    /// Sets <paramref name="value"/> at <paramref name="path"/> under <paramref name="root"/>, creating
    /// missing mappings; a mapping value merges into an existing mapping. Reports a non-mapping on the way.
    /// </summary>
    public static void SetAtPath(
        ConfigMapping root, IReadOnlyList<string> path, ConfigNode value, SourceLocation location, List<ConfigurationError> errors)
    {
        if (!CheckDepth(path, location, errors))
        {
            return;
        }

        var keyPath = KeyPath.Join(path);
        var current = root;
        for (var i = 0; i < path.Count - 1; i++)
        {
            switch (current[path[i]])
            {
                case ConfigMapping next:
                    current = next;
                    break;
                case null or ConfigScalar { Value: null }:
                    var created = new ConfigMapping(location);
                    current.Set(path[i], created, location);
                    current = created;
                    break;
                case var other:
                    var at = string.Join(" ⟶ ", path.Take(i + 1));
                    errors.Add(new ConfigurationError(location, keyPath,
                        $"Cannot apply override for '{keyPath}': value at {at} is not a mapping, but {ConfigScalar.Describe(other)} (set at {other.Location})"));
                    return;
            }
        }

        var last = path[^1];
        if (current[last] is ConfigMapping existing && value is ConfigMapping overrides)
        {
            MergeInto(existing, overrides);
        }
        else
        {
            current.Set(last, value, location);
        }
    }

    /// <summary>
    /// Whether a key path (of <c>--set</c>, an environment variable, code) is within
    /// <see cref="ConfigurationLimits.MaxDepth"/>; adds the error when it is not.
    /// </summary>
    public static bool CheckDepth(IReadOnlyList<string> path, SourceLocation location, List<ConfigurationError> errors)
    {
        if (path.Count <= ConfigurationLimits.MaxDepth)
        {
            return true;
        }

        // Shown up to the limit: past it there is only more of the same.
        var shown = KeyPath.Join(path.Take(ConfigurationLimits.MaxDepth)) + ".…";
        errors.Add(new ConfigurationError(location, shown, $"{ConfigurationLimits.TooDeep} (the key has {path.Count} levels)"));
        return false;
    }
}
