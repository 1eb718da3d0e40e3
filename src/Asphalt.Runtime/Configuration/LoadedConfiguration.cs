using System.Text;
using Microsoft.Extensions.Configuration;
using Asphalt.Trees;

namespace Asphalt.Configuration;

/// <summary>
/// The application's configuration after merging: an <see cref="IConfigurationRoot"/> plus, for
/// every key, where it was set (file and line), and which values are secret.
/// </summary>
public sealed class LoadedConfiguration
{
    /// <summary>The key holding the root component's configuration (Asphalt's <c>component:</c>).</summary>
    public const string ComponentKey = TreeRules.ComponentKey;

    private readonly Dictionary<string, SourceLocation> _locations;

    // Each key as the configuration wrote it, looked up ignoring case: one lookup per error, not a scan
    // of every key (a file of a million unknown keys would otherwise take hours to report).
    private readonly Dictionary<string, string> _writtenKeys;
    private readonly HashSet<string> _secretKeys;

    internal LoadedConfiguration(
        IConfigurationRoot configuration,
        Dictionary<string, SourceLocation> locations,
        HashSet<string> secretKeys,
        SecretRedactor secrets,
        string? service,
        IReadOnlyList<string> files)
    {
        Configuration = configuration;
        _locations = locations;
        _writtenKeys = locations.Keys.ToDictionary(k => k, StringComparer.OrdinalIgnoreCase);
        _secretKeys = secretKeys;
        Secrets = secrets;
        Service = service;
        Files = files;
    }

    /// <summary>The merged configuration.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <summary>The root component's section (<c>component:</c>).</summary>
    public IConfigurationSection Component => Configuration.GetSection(ComponentKey);

    /// <summary>The selected service, or null when the configuration defines none.</summary>
    public string? Service { get; }

    /// <summary>Every service the files define under <c>services:</c>, in the order written; empty when none.</summary>
    public IReadOnlyList<string> DefinedServices { get; internal init; } = [];

    /// <summary>The configuration files read, in order.</summary>
    public IReadOnlyList<string> Files { get; }

    /// <summary>
    /// Where <paramref name="configurationPath"/> (<c>a:b:c</c>) was set, or where its nearest
    /// parent was set when the key itself was not (a missing key's error points at its parent).
    /// </summary>
    public SourceLocation LocationOf(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        for (var path = configurationPath; ; path = path[..path.LastIndexOf(':')])
        {
            if (_locations.TryGetValue(path, out var location))
            {
                return location;
            }

            if (!path.Contains(':', StringComparison.Ordinal))
            {
                return Files.Count > 0 ? new SourceLocation(Files[^1]) : new SourceLocation("(no configuration file)");
            }
        }
    }

    /// <summary>Whether the value at <paramref name="configurationPath"/> came from a substitution or an environment variable.</summary>
    public bool IsSecret(string configurationPath) => _secretKeys.Contains(configurationPath);

    /// <summary>Whether any value is secret (came from a substitution or a prefixed environment variable).</summary>
    public bool HasSecrets => !Secrets.IsEmpty;

    /// <summary>Finds the secrets in text (docs/configuration.md, "Substitution and secrets", says in which forms).</summary>
    internal SecretRedactor Secrets { get; }

    /// <summary>
    /// Replaces every secret value occurring in <paramref name="text"/> with <c>***</c>: as configured,
    /// trimmed, percent-decoded or -encoded, a URL as <see cref="Uri"/> prints it, and the meaningful
    /// parts (host, user-info, path segments, query values) of what a substitution supplied.
    /// </summary>
    /// <remarks>Apply to any text built from configuration values (exception messages of option binding include the value).</remarks>
    public string Redact(string text) => Secrets.Redact(text);

    /// <summary>An error located at <paramref name="configurationPath"/>, with secrets redacted from the message.</summary>
    public ConfigurationError ErrorAt(string configurationPath, string message)
    {
        // The value of a secret key is hidden however short it is, where a message quotes it.
        if (IsSecret(configurationPath) && Configuration[configurationPath] is { Length: > 0 } value)
        {
            message = message.Replace($"'{value}'", $"'{SecretRedactor.Mask}'", StringComparison.Ordinal);
        }

        return new(LocationOf(configurationPath), KeyPath.FromConfigurationPath(AsWritten(configurationPath)), Redact(message));
    }

    /// <summary><paramref name="error"/> with secrets redacted from its message.</summary>
    internal ConfigurationError Redacted(ConfigurationError error) => error with { Message = Redact(error.Message) };

    /// <summary>
    /// <paramref name="configurationPath"/> spelled as the configuration wrote it (keys compare ignoring
    /// case, and binding code may name <c>ExitCode</c> what the file calls <c>exitCode</c>).
    /// </summary>
    public string AsWritten(string configurationPath)
    {
        ArgumentNullException.ThrowIfNull(configurationPath);
        var end = configurationPath.Length;
        while (end > 0)
        {
            // The dictionary keeps each key as it was first added: spelled as the file wrote it.
            var prefix = configurationPath[..end];
            if (_writtenKeys.TryGetValue(prefix, out var written))
            {
                return written + configurationPath[end..];
            }

            end = configurationPath.LastIndexOf(':', end - 1);
        }

        return configurationPath;
    }

    /// <summary>
    /// The effective configuration as flat <c>key.path = value</c> lines with where each was set;
    /// secrets show as <c>***</c>.
    /// </summary>
    public string Dump()
    {
        var builder = new StringBuilder();
        foreach (var (key, value) in Configuration.AsEnumerable().Where(p => p.Value is not null).OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase))
        {
            var shown = IsSecret(key) ? "***" : value;
            builder.Append(KeyPath.FromConfigurationPath(key)).Append(" = ").Append(shown)
                .Append("    # ").Append(LocationOf(key).ToString()).Append('\n');
        }

        return builder.ToString();
    }
}
