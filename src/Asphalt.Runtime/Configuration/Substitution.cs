using System.Text;

namespace Asphalt.Configuration;

/// <summary>
/// Substitutes environment variables and file contents into configuration strings:
/// <c>${env:NAME}</c>, <c>${env:NAME:-fallback}</c> and <c>${file:path}</c>, the same in JSON and
/// YAML; <c>$${</c> is a literal <c>${</c>. YAML may also use Asphalt's tags, <c>!Env NAME</c> and
/// <c>!TextFile path</c>. A value that took anything this way is secret: it is redacted from every
/// error and dump and never logged.
/// </summary>
/// <remarks>
/// File paths are relative to the configuration file's folder. A file's contents are used as they
/// are, except that one trailing line break is removed (files written by <c>echo</c> have one).
/// </remarks>
internal static class Substitution
{
    public const string EnvTag = "!Env";
    public const string TextFileTag = "!TextFile";

    /// <summary>The result of substituting in one value; <paramref name="SecretMaterial"/> is what the environment and files supplied.</summary>
    public readonly record struct Result(string? Value, bool IsSecret, string? Error, IReadOnlyList<string>? SecretMaterial = null);

    public static Result Apply(string value, string? baseDirectory, Func<string, string?> environment)
    {
        if (!value.Contains("${", StringComparison.Ordinal))
        {
            return new Result(value, false, null);
        }

        var builder = new StringBuilder(value.Length);
        var substituted = false;
        var material = new List<string>();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '$' && i + 2 < value.Length && value[i + 1] == '$' && value[i + 2] == '{')
            {
                builder.Append("${");
                i += 2;
                continue;
            }

            if (value[i] != '$' || i + 1 >= value.Length || value[i + 1] != '{')
            {
                builder.Append(value[i]);
                continue;
            }

            var end = value.IndexOf('}', i + 2);
            if (end < 0)
            {
                return new Result(null, false,
                    $"'${{' is not closed: write '${{env:NAME}}' or '${{file:path}}', or '$${{' for a literal '${{'");
            }

            var reference = value[(i + 2)..end];
            var resolved = Resolve(reference, baseDirectory, environment, out var error, out var isFallback);
            if (error is not null)
            {
                return new Result(null, false, error);
            }

            builder.Append(resolved);
            substituted = true;
            if (!isFallback)
            {
                material.Add(resolved!);
            }

            i = end;
        }

        return new Result(builder.ToString(), substituted, null, material);
    }

    /// <summary>Resolves a YAML tag (<c>!Env</c>, <c>!TextFile</c>) on a scalar.</summary>
    public static Result ApplyTag(string tag, string argument, string? baseDirectory, Func<string, string?> environment)
    {
        var reference = tag switch
        {
            EnvTag => "env:" + argument.Trim(),
            TextFileTag => "file:" + argument.Trim(),
            _ => null,
        };
        if (reference is null)
        {
            return new Result(null, false,
                $"unknown tag '{tag}': Asphalt understands !Env NAME and !TextFile path (or '${{env:NAME}}' and '${{file:path}}' in any string)");
        }

        var resolved = Resolve(reference, baseDirectory, environment, out var error, out var isFallback);
        return error is null ? new Result(resolved, true, null, isFallback ? [] : [resolved!]) : new Result(null, false, error);
    }

    // isFallback: the value is the '${env:NAME:-fallback}' text written in the configuration, not a secret from outside.
    private static string? Resolve(string reference, string? baseDirectory, Func<string, string?> environment, out string? error, out bool isFallback)
    {
        error = null;
        isFallback = false;
        if (reference.StartsWith("env:", StringComparison.Ordinal))
        {
            var spec = reference[4..];
            var fallbackAt = spec.IndexOf(":-", StringComparison.Ordinal);
            var name = (fallbackAt < 0 ? spec : spec[..fallbackAt]).Trim();
            if (name.Length == 0)
            {
                error = "'${env:}' names no variable: write '${env:NAME}'";
                return null;
            }

            var value = environment(name);
            if (value is null && fallbackAt >= 0)
            {
                isFallback = true;
                return spec[(fallbackAt + 2)..];
            }

            if (value is null)
            {
                error = $"environment variable '{name}' is not set: set it, or give a fallback with '${{env:{name}:-value}}'";
            }

            return value;
        }

        if (reference.StartsWith("file:", StringComparison.Ordinal))
        {
            var path = reference[5..].Trim();
            if (path.Length == 0)
            {
                error = "'${file:}' names no file: write '${file:path}'";
                return null;
            }

            var fullPath = Path.GetFullPath(path, baseDirectory ?? Directory.GetCurrentDirectory());
            try
            {
                // Configuration is read once, before anything starts; no async path to block here.
                var text = File.ReadAllText(fullPath);
                return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2]
                    : text.EndsWith('\n') ? text[..^1] : text;
            }
            catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
            {
                error = $"cannot read file '{fullPath}' ({failure.GetType().Name}: {failure.Message})";
                return null;
            }
        }

        error = $"'${{{reference}}}' is not a substitution Asphalt knows: use '${{env:NAME}}', '${{env:NAME:-fallback}}' or '${{file:path}}' ('$${{' for a literal '${{')";
        return null;
    }
}
