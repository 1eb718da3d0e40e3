namespace Asphalt.Configuration;

/// <summary>
/// One <c>--set path.to.key=value</c> override, as in Asphalt: the path is split on unescaped dots
/// (<c>\.</c> is a literal dot), the value is parsed as YAML (a scalar, or a flow list or mapping
/// such as <c>[a, b]</c> or <c>{x: 1}</c>), and missing mappings on the path are created.
/// </summary>
public sealed class SetOverride
{
    private SetOverride(string argument, IReadOnlyList<string> path, string value)
    {
        Argument = argument;
        Path = path;
        Value = value;
    }

    /// <summary>The argument as given.</summary>
    public string Argument { get; }

    /// <summary>The key path's segments.</summary>
    public IReadOnlyList<string> Path { get; }

    /// <summary>The value's text (YAML).</summary>
    public string Value { get; }

    /// <summary>Parses <c>path=value</c>.</summary>
    /// <returns>The override, or null with <paramref name="error"/> saying what is wrong and how to write it.</returns>
    public static SetOverride? TryParse(string argument, out string? error)
    {
        ArgumentNullException.ThrowIfNull(argument);
        var equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            error = $"Configuration must be set with '=', got: '{argument}' (write --set path.to.key=value)";
            return null;
        }

        var key = argument[..equals].Trim();
        if (key.Length == 0)
        {
            error = $"--set '{argument}' has no key before '=' (write --set path.to.key=value)";
            return null;
        }

        var path = KeyPath.Split(key, out var pathError);
        if (path is null)
        {
            error = $"--set '{argument}': {pathError}";
            return null;
        }

        error = null;
        return new SetOverride(argument, path, argument[(equals + 1)..]);
    }

    /// <summary>Applies the override to <paramref name="root"/>, adding any problem to <paramref name="errors"/>.</summary>
    internal void ApplyTo(ConfigMapping root, Func<string, string?> environment, List<ConfigurationError> errors)
    {
        // The value stays out of the location: it may be a password.
        var location = new SourceLocation($"--set {Abbreviate(Argument[..Argument.IndexOf('=', StringComparison.Ordinal)])}=…");
        if (!ConfigurationMerger.CheckDepth(Path, location, errors))
        {
            return;
        }

        var value = YamlConfigurationReader.ReadValue(Value, location, environment, errors, Path);
        if (value is null)
        {
            return;
        }

        ConfigurationMerger.SetAtPath(root, Path, value, location, errors);
    }

    // A key of thousands of segments (hostile, or a script gone wrong) is named by its start.
    private static string Abbreviate(string key) => key.Length <= 200 ? key : key[..200] + "…";
}
