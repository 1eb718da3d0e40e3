using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>
/// Which keys of a component's section are its options, the part a <see cref="Reloadable{TOptions}"/>
/// can apply while running: everything but <c>type</c> and <c>components</c>, which shape the tree.
/// </summary>
internal static class ReloadableSection
{
    /// <summary>The options keys and values of <paramref name="section"/>, one text: equal texts bind to equal options.</summary>
    public static string Snapshot(IConfiguration section)
    {
        var lines = section.AsEnumerable(makePathsRelative: true)
            .Where(p => p.Key.Length > 0 && !IsTreeKey(p.Key))
            .OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase)
            .Select(p => p.Key + "=" + p.Value);
        return string.Join('\n', lines);
    }

    /// <summary>Whether <paramref name="configurationPath"/> is one of the options under <paramref name="sectionPath"/>.</summary>
    public static bool Owns(string sectionPath, string configurationPath)
    {
        if (sectionPath.Length == 0)
        {
            return !IsTreeKey(configurationPath);
        }

        return configurationPath.Length > sectionPath.Length + 1
            && configurationPath.StartsWith(sectionPath + ":", StringComparison.OrdinalIgnoreCase)
            && !IsTreeKey(configurationPath[(sectionPath.Length + 1)..]);
    }

    // The first level of a relative path is 'type' or 'components' (or the whole path is).
    private static bool IsTreeKey(string relativePath)
    {
        var first = relativePath.Split(':')[0];
        return ComponentConfiguration.ReservedKeys.Contains(first, StringComparer.OrdinalIgnoreCase);
    }
}
