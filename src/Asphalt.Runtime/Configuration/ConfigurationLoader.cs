using System.Collections;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Configuration;

/// <summary>
/// Builds an application's configuration the way <c>asphalt run</c> does, on
/// <see cref="Microsoft.Extensions.Configuration"/>. Lowest to highest precedence:
/// <list type="number">
/// <item>the defaults declared in code (<see cref="Defaults"/>);</item>
/// <item>the <see cref="Files"/> (YAML or JSON), merged in order, later wins; mappings merge, lists are replaced;</item>
/// <item>the selected service (<c>services:</c>, chosen by <see cref="Service"/>, <c>ASPHALT_SERVICE</c>, the only one, or <c>default</c>) merged over the files' top level;</item>
/// <item>environment variables starting with <see cref="EnvironmentPrefix"/> (<c>APP_component__components__mailer__host</c>; <c>__</c> separates levels);</item>
/// <item>the <see cref="Overrides"/> (<c>--set path.to.key=value</c>).</item>
/// </list>
/// Environment variables and <c>--set</c> address the effective configuration (after the service
/// is merged), so they work whichever service runs.
/// </summary>
/// <example>
/// <code>
/// var loaded = new ConfigurationLoader { Files = { "config.yaml" }, Overrides = { "component.components.detector.delay=5" } }.Load();
/// string? url = loaded.Configuration["component:components:detector:url"];
/// </code>
/// </example>
public sealed class ConfigurationLoader
{
    /// <summary>Configuration files (YAML or JSON), merged in order.</summary>
    public List<string> Files { get; } = [];

    /// <summary><c>--set</c> arguments (<c>path.to.key=value</c>), applied in order after everything else.</summary>
    public List<string> Overrides { get; } = [];

    /// <summary>The service to select; when null, <c>ASPHALT_SERVICE</c> or the defaults apply.</summary>
    public string? Service { get; set; }

    /// <summary>
    /// Environment variables whose name starts with this prefix (case-insensitive) set configuration
    /// keys: the rest of the name, with <c>__</c> between levels. Null: no such variables.
    /// </summary>
    public string? EnvironmentPrefix { get; set; }

    /// <summary>
    /// Configuration declared in code, as flattened keys (<c>component:components:mailer:type</c> → <c>mailer</c>):
    /// the component tree the code declares. Everything else overrides it.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string?>>? Defaults { get; set; }

    /// <summary>How <see cref="Defaults"/> are named in errors (default "declared in code").</summary>
    public string DefaultsSource { get; set; } = "declared in code";

    /// <summary>The environment to read (for substitutions, the prefix and <c>ASPHALT_SERVICE</c>); the process's when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; set; }

    /// <summary>Only records <see cref="LoadedConfiguration.DefinedServices"/>: selects and merges no service.</summary>
    internal bool ListServicesOnly { get; init; }

    /// <summary>Loads and merges everything.</summary>
    /// <exception cref="ConfigurationException">Anything is wrong; the exception lists every problem with its file, line and key path.</exception>
    public LoadedConfiguration Load()
    {
        var environment = Environment ?? ReadProcessEnvironment();
        string? Lookup(string name) => environment.TryGetValue(name, out var value) ? value : null;
        var errors = new List<ConfigurationError>();
        var overrides = new List<SetOverride>();
        foreach (var argument in Overrides)
        {
            if (SetOverride.TryParse(argument, out var error) is { } parsed)
            {
                overrides.Add(parsed);
            }
            else
            {
                errors.Add(new ConfigurationError(new SourceLocation("--set"), "", error!));
            }
        }

        // Files, in order; each file's problems are collected even when an earlier file had some.
        var fromFiles = new ConfigMapping(SourceLocation.None);
        foreach (var file in Files)
        {
            if (YamlConfigurationReader.ReadFile(file, Lookup, errors) is { } tree)
            {
                ConfigurationMerger.MergeInto(fromFiles, tree);
            }
        }

        var requested = Service;
        var requestedFrom = "--service " + Service;
        if (requested is null && Lookup(ServiceSelector.EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            requested = fromEnvironment;
            requestedFrom = $"environment variable {ServiceSelector.EnvironmentVariable}={fromEnvironment}";
        }

        var definedServices = fromFiles[ServiceSelector.ServicesKey] is ConfigMapping servicesNode ? servicesNode.Entries.Keys.ToArray() : [];
        string? service = null;
        if (ListServicesOnly)
        {
            fromFiles.Remove(ServiceSelector.ServicesKey);
        }
        else
        {
            service = ServiceSelector.Apply(fromFiles, requested, requestedFrom, errors);
        }

        var root = new ConfigMapping(SourceLocation.None);
        if (Defaults is not null)
        {
            ApplyFlat(root, Defaults, new SourceLocation(DefaultsSource), errors);
        }

        ConfigurationMerger.MergeInto(root, fromFiles);
        if (EnvironmentPrefix is { Length: > 0 } prefix)
        {
            ApplyEnvironment(root, environment, prefix, errors);
        }

        foreach (var setOverride in overrides)
        {
            setOverride.ApplyTo(root, Lookup, errors);
        }

        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var locations = new Dictionary<string, SourceLocation>(StringComparer.OrdinalIgnoreCase);
        var secretKeys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var secretScalars = new List<ConfigScalar>();
        var lists = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        Flatten(root, "", data, locations, secretKeys, secretScalars, lists);
        var secrets = new SecretRedactor(
            secretScalars.Select(s => s.Value).OfType<string>(), secretScalars.SelectMany(s => s.SecretMaterial));
        if (errors.Count > 0)
        {
            // Whatever an error quotes, no secret read so far leaves the loader.
            throw new ConfigurationException([.. errors.Select(e => e with { Message = secrets.Redact(e.Message) })]);
        }

        var configuration = new ShapedConfigurationRoot(new ConfigurationBuilder().Add(new AsphaltConfigurationProvider(data)).Build(), lists);
        return new LoadedConfiguration(configuration, locations, secretKeys, secrets, service, [.. Files]) { DefinedServices = definedServices };
    }

    private static Dictionary<string, string> ReadProcessEnvironment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }

    private static void ApplyFlat(ConfigMapping root, IEnumerable<KeyValuePair<string, string?>> values, SourceLocation location, List<ConfigurationError> errors)
    {
        foreach (var (key, value) in values)
        {
            ConfigurationMerger.SetAtPath(root, key.Split(':'), new ConfigScalar(location, value), location, errors);
        }
    }

    private static void ApplyEnvironment(ConfigMapping root, IReadOnlyDictionary<string, string> environment, string prefix, List<ConfigurationError> errors)
    {
        // Sorted, so the result does not depend on the environment's order.
        foreach (var (name, value) in environment.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) || name.Length == prefix.Length)
            {
                continue;
            }

            var location = new SourceLocation($"environment variable {name}");
            var path = name[prefix.Length..].Split("__");
            if (Array.Exists(path, s => s.Length == 0))
            {
                errors.Add(new ConfigurationError(location, "", $"'{name}' has an empty level: separate levels with exactly two underscores"));
                continue;
            }

            // Treated as secret: such variables are how passwords usually arrive.
            ConfigurationMerger.SetAtPath(root, path, new ConfigScalar(location, value, isSecret: true, [value]), location, errors);
        }
    }

    private static void Flatten(
        ConfigNode node, string path, Dictionary<string, string?> data, Dictionary<string, SourceLocation> locations,
        HashSet<string> secretKeys, List<ConfigScalar> secretScalars, HashSet<string> lists)
    {
        switch (node)
        {
            case ConfigMapping mapping:
                if (mapping.Entries.Count == 0 && path.Length > 0)
                {
                    data[path] = null;
                }

                foreach (var (key, value) in mapping.Entries)
                {
                    var childPath = path.Length == 0 ? key : path + ":" + key;
                    locations[childPath] = mapping.LocationOf(key);
                    Flatten(value, childPath, data, locations, secretKeys, secretScalars, lists);
                }

                break;
            case ConfigSequence sequence:
                lists.Add(path);
                if (sequence.Items.Count == 0)
                {
                    data[path] = null;
                }

                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    var childPath = path + ":" + i.ToString(CultureInfo.InvariantCulture);
                    locations[childPath] = sequence.Items[i].Location;
                    Flatten(sequence.Items[i], childPath, data, locations, secretKeys, secretScalars, lists);
                }

                break;
            case ConfigScalar scalar:
                data[path] = scalar.Value;
                if (scalar.IsSecret)
                {
                    secretKeys.Add(path);
                    secretScalars.Add(scalar);
                }

                break;
        }
    }
}
