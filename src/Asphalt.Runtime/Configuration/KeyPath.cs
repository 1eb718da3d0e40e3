using System.Text;

namespace Asphalt.Configuration;

/// <summary>
/// Key paths as users write them: dotted (<c>component.components.mailer.host</c>), with <c>\.</c>
/// for a dot inside a key (<c>logging.categories.WebNotifier\.Detector</c>), as <c>--set</c> takes
/// them. <see cref="Microsoft.Extensions.Configuration"/> itself separates with <c>:</c>.
/// </summary>
public static class KeyPath
{
    /// <summary>Joins segments with dots, escaping dots and backslashes inside segments.</summary>
    public static string Join(IEnumerable<string> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (builder.Length > 0)
            {
                builder.Append('.');
            }

            foreach (var c in segment)
            {
                if (c is '.' or '\\')
                {
                    builder.Append('\\');
                }

                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>The dotted form of a <c>:</c>-separated configuration path.</summary>
    public static string FromConfigurationPath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Join(path.Split(':'));
    }

    /// <summary>The <c>:</c>-separated configuration path of dotted segments.</summary>
    public static string ToConfigurationPath(IEnumerable<string> segments) => string.Join(':', segments);

    /// <summary>
    /// Splits a dotted path on unescaped dots; <c>\.</c> is a literal dot and <c>\\</c> a backslash.
    /// </summary>
    /// <returns>The segments, or null with <paramref name="error"/> set when a segment is empty.</returns>
    public static IReadOnlyList<string>? Split(string path, out string? error)
    {
        ArgumentNullException.ThrowIfNull(path);
        var segments = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c == '\\' && i + 1 < path.Length && path[i + 1] is '.' or '\\')
            {
                current.Append(path[++i]);
            }
            else if (c == '.')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        segments.Add(current.ToString());
        if (segments.Exists(s => s.Trim().Length == 0))
        {
            error = $"the key path '{path}' has an empty segment (write a literal dot as '\\.')";
            return null;
        }

        if (segments.Exists(s => s.Contains(':', StringComparison.Ordinal)))
        {
            error = $"the key path '{path}' contains ':', which configuration keys cannot contain; separate levels with '.'";
            return null;
        }

        error = null;
        return segments;
    }
}
