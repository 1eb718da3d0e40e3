using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Configuration;
using Asphalt.Trees;

namespace Asphalt;

/// <summary>
/// Conversions and checks used by generated options binding: reflection-free, invariant culture,
/// and every failure a <see cref="ConfigurationBindingException"/> naming the full key path.
/// </summary>
/// <remarks>Public so generated code can call it; not meant to be called by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static partial class ConfigurationValues
{
    /// <summary>A configuration without keys, for components created without one.</summary>
    public static IConfiguration Empty { get; } = new EmptyConfiguration(string.Empty, string.Empty);

    /// <summary>The full path of <paramref name="key"/> under <paramref name="configuration"/>.</summary>
    public static string PathOf(IConfiguration? configuration, string key) =>
        configuration is IConfigurationSection { Path: { Length: > 0 } path } ? path + ":" + key : key;

    /// <summary>The path of <paramref name="configuration"/> itself, or <c>(root)</c>.</summary>
    public static string PathOf(IConfiguration? configuration) =>
        configuration is IConfigurationSection { Path: { Length: > 0 } path } ? path : "(root)";

    /// <summary>
    /// The child sections of <paramref name="configuration"/> by key, case-insensitively (as
    /// configuration keys are); errors then quote the key as the user wrote it.
    /// </summary>
    public static IReadOnlyDictionary<string, IConfigurationSection> Sections(IConfiguration? configuration)
    {
        var sections = new Dictionary<string, IConfigurationSection>(StringComparer.OrdinalIgnoreCase);
        if (configuration is not null)
        {
            foreach (var child in configuration.GetChildren())
            {
                sections.TryAdd(child.Key, child);
            }
        }

        return sections;
    }

    /// <summary>
    /// The section of child <paramref name="alias"/> (<c>components:alias</c>), or null without a
    /// configuration. A call rather than an inline <c>?.</c>: a parent with hundreds of children keeps
    /// its generated <c>Create</c> free of branches, which flow analyses (the trimming analyzer's) pay for.
    /// </summary>
    public static IConfiguration? ChildSection(IConfiguration? configuration, string alias) =>
        configuration?.GetSection("components:" + alias);

    /// <summary>Whether <paramref name="key"/> has a value or children under <paramref name="configuration"/>.</summary>
    public static bool Exists(IConfiguration? configuration, string key) =>
        configuration is not null && configuration.GetSection(key).Exists();

    /// <summary>Parses a value of any <see cref="IParsable{TSelf}"/> type with the invariant culture.</summary>
    public static T Parse<T>(IConfigurationSection section, string typeName)
        where T : IParsable<T>
    {
        var value = section.Value;
        if (value is not null && T.TryParse(value.Trim(), CultureInfo.InvariantCulture, out var result))
        {
            return result;
        }

        throw InvalidValue(section, typeName);
    }

    /// <summary>Parses a boolean (<c>true</c>/<c>false</c>, any case).</summary>
    public static bool ParseBoolean(IConfigurationSection section) =>
        bool.TryParse(section.Value?.Trim(), out var result) ? result : throw InvalidValue(section, "Boolean (true or false)");

    /// <summary>Returns the string value (an empty string for a key present without value).</summary>
    public static string ParseString(IConfigurationSection section) => section.Value ?? string.Empty;

    /// <summary>Parses an absolute or relative URI.</summary>
    public static Uri ParseUri(IConfigurationSection section) =>
        Uri.TryCreate(section.Value, UriKind.RelativeOrAbsolute, out var result) ? result : throw InvalidValue(section, "Uri");

    /// <summary>
    /// The error for a value that does not convert to <paramref name="expected"/>; a list or mapping
    /// given where one value belongs is named as such (its section has no value, only children).
    /// </summary>
    public static ConfigurationBindingException InvalidValue(IConfigurationSection section, string expected)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (section.Value is null && DescribeCollection(section) is { } collection)
        {
            return new(section.Path, expected, $"Configuration key '{section.Path}' is {collection}, not a single {expected} value.");
        }

        return new(section.Path, expected, $"Configuration value '{section.Value}' at '{section.Path}' is not a valid {expected}.");
    }

    /// <summary>
    /// <c>a list</c> or <c>a mapping</c> for a section with children, else null. Configuration keeps a
    /// list as keys <c>0</c>, <c>1</c> …: the loaded configuration knows which it was; for any other,
    /// children numbered from 0 in order read as a list (this only words a message).
    /// </summary>
    private static string? DescribeCollection(IConfigurationSection section)
    {
        if (section is Configuration.ShapedConfigurationSection shaped)
        {
            var hasChildren = section.GetChildren().Any();
            return shaped.IsList ? (hasChildren ? "a list" : "an empty list") : (hasChildren ? "a mapping" : null);
        }

        var index = 0;
        var isList = true;
        foreach (var child in section.GetChildren())
        {
            isList &= child.Key == index.ToString(CultureInfo.InvariantCulture);
            index++;
        }

        return index == 0 ? null : isList ? "a list" : "a mapping";
    }

    /// <summary>
    /// Throws the binding error for a number outside its <c>[Range]</c> (null, an absent optional
    /// value, passes), naming the key path and the allowed range.
    /// </summary>
    public static void CheckRange(double? value, double minimum, double maximum, IConfigurationSection section, string expected, string minimumText, string maximumText)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is { } number && (number < minimum || number > maximum))
        {
            var allowed = $"{expected} from {minimumText} to {maximumText}";
            throw new ConfigurationBindingException(section.Path, allowed, $"Configuration value '{section.Value}' at '{section.Path}' is not a valid {allowed}.");
        }
    }

    /// <summary>
    /// Throws the binding error for a single value where a list or mapping is expected (which would
    /// otherwise bind as an empty collection and lose the value).
    /// </summary>
    public static void RejectSingleValue(IConfigurationSection section, string expected)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!string.IsNullOrEmpty(section.Value))
        {
            throw InvalidValue(section, expected);
        }
    }

    /// <summary>
    /// Throws the binding error for a single value or a list where a mapping (a dictionary) is expected:
    /// a list would otherwise bind as the keys <c>0</c>, <c>1</c> …. Lists are recognized in configuration
    /// loaded by <see cref="Configuration.ConfigurationLoader"/>, which remembers them.
    /// </summary>
    public static void RejectNonMapping(IConfigurationSection section, string expected)
    {
        RejectSingleValue(section, expected);
        if (section is Configuration.ShapedConfigurationSection { IsList: true })
        {
            throw new ConfigurationBindingException(section.Path, expected,
                $"Configuration key '{section.Path}' is a list, not a mapping ({expected}); write 'key: value' pairs.");
        }
    }

    /// <summary>The expected value of a <c>[Url]</c> option, in messages.</summary>
    public const string AbsoluteUrl = "absolute URL (http, https or ftp)";

    /// <summary>
    /// Throws the binding error for a <c>[Url]</c> option that is not an absolute http, https or ftp
    /// URL (stricter than <c>System.ComponentModel.DataAnnotations.UrlAttribute</c>, which only looks
    /// at the prefix: the value must parse as an absolute URI); null passes.
    /// </summary>
    public static void CheckAbsoluteUrl(string? value, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is not null && !IsAbsoluteUrl(value))
        {
            throw InvalidValue(section, AbsoluteUrl);
        }
    }

    /// <inheritdoc cref="CheckAbsoluteUrl(string?, IConfigurationSection)"/>
    public static void CheckAbsoluteUrl(Uri? value, IConfigurationSection section) => CheckAbsoluteUrl(value?.OriginalString, section);

    /// <summary>Whether <paramref name="value"/> is an absolute http, https or ftp URL.</summary>
    public static bool IsAbsoluteUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "ftp";

    /// <summary>The error for a required key that is absent.</summary>
    public static ConfigurationBindingException MissingRequired(IConfiguration? configuration, string key, string expected)
    {
        var path = PathOf(configuration, key);
        return new(path, expected, $"Required configuration key '{path}' ({expected}) is missing.");
    }

    /// <summary>
    /// Throws if <paramref name="configuration"/> has a key that is not in <paramref name="knownKeys"/>
    /// (compared case-insensitively, as configuration keys are); one exception lists every such key.
    /// </summary>
    public static void CheckKeys(IConfiguration? configuration, string typeName, params string[] knownKeys)
    {
        var problems = new ConfigurationProblems();
        CollectUnknownKeys(configuration, typeName, problems, knownKeys);
        problems.ThrowIfAny();
    }

    /// <summary>
    /// Throws when the section given to a component's generated <c>Create(configuration)</c> names another
    /// type with <c>type:</c>: <c>App.Create</c> always creates an <c>App</c>, so a different (or misspelt)
    /// type there would otherwise be ignored without a word. Only the command line lets configuration
    /// choose the root's type (<c>component.type</c>).
    /// </summary>
    /// <param name="configuration">The section passed to <c>Create</c>, or null.</param>
    /// <param name="alias">The component's registered alias.</param>
    /// <param name="typeName">The component's type name, for the message.</param>
    /// <exception cref="ConfigurationBindingException"><c>type:</c> names another alias.</exception>
    public static void CheckOwnType(IConfiguration? configuration, string alias, string typeName)
    {
        if (configuration?[TreeRules.TypeKey] is { Length: > 0 } written
            && !string.Equals(TreeRules.TypeAliasOf(written), alias, StringComparison.OrdinalIgnoreCase))
        {
            var path = configuration is IConfigurationSection { Path.Length: > 0 } section ? section.Path + ":" + TreeRules.TypeKey : TreeRules.TypeKey;
            throw new ConfigurationBindingException(path, alias,
                $"Configuration key '{path}' names component type '{written}', but {typeName}.Create always creates {typeName} ('{alias}'): remove the key, or let the command line choose the root's type (component.type).");
        }
    }

    /// <summary>
    /// Throws if the section of a component without options has any key but <c>components</c>,
    /// <c>type</c> and <c>bridges</c>; one call instead of a problem list in every such component's generated factory.
    /// </summary>
    public static void CheckNoOptions(IConfiguration? configuration, string typeName)
    {
        if (configuration is not null)
        {
            CheckKeys(configuration, typeName, TreeRules.FrameworkKeys);
        }
    }

    /// <summary>
    /// Records in <paramref name="problems"/> every key of <paramref name="configuration"/> that is not in
    /// <paramref name="knownKeys"/> (compared case-insensitively, as configuration keys are).
    /// </summary>
    public static void CollectUnknownKeys(IConfiguration? configuration, string typeName, ConfigurationProblems problems, params string[] knownKeys)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (configuration is null)
        {
            return;
        }

        foreach (var child in configuration.GetChildren())
        {
            var known = false;
            foreach (var key in knownKeys)
            {
                if (string.Equals(key, child.Key, StringComparison.OrdinalIgnoreCase))
                {
                    known = true;
                    break;
                }
            }

            if (!known)
            {
                var expected = knownKeys.Length == 0 ? "(none)" : string.Join(", ", knownKeys);
                problems.Add(new ConfigurationBindingException(child.Path, expected,
                    $"Unknown configuration key '{child.Path}': {typeName} has no such option{Asphalt.Trees.NearMatch.DidYouMean(child.Key, knownKeys)}. Known keys: {expected}."));
            }
        }
    }

    /// <summary>An empty configuration (and its empty sections), so no configuration package is needed.</summary>
    private sealed class EmptyConfiguration(string key, string path) : IConfigurationSection
    {
        public string? this[string key] { get => null; set => throw new NotSupportedException(); }

        public string Key { get; } = key;

        public string Path { get; } = path;

        public string? Value { get => null; set => throw new NotSupportedException(); }

        public IEnumerable<IConfigurationSection> GetChildren() => [];

        public Microsoft.Extensions.Primitives.IChangeToken GetReloadToken() => NeverChanges.Instance;

        public IConfigurationSection GetSection(string key) =>
            new EmptyConfiguration(key, Path.Length == 0 ? key : Path + ":" + key);
    }

    private sealed class NeverChanges : Microsoft.Extensions.Primitives.IChangeToken
    {
        public static readonly NeverChanges Instance = new();

        public bool HasChanged => false;

        public bool ActiveChangeCallbacks => false;

        public IDisposable RegisterChangeCallback(Action<object?> callback, object? state) => NullDisposable.Instance;
    }

    private sealed class NullDisposable : IDisposable
    {
        public static readonly NullDisposable Instance = new();

        public void Dispose()
        {
        }
    }
}
