using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Primitives;

namespace Asphalt.Configuration;

/// <summary>
/// The loaded configuration, remembering which sections were written as lists. Configuration keeps a
/// list as keys <c>0</c>, <c>1</c> …, exactly like a mapping with those keys, so without this a list
/// given for a dictionary option would silently bind as keys "0" and "1". Everything else is the
/// wrapped <see cref="IConfigurationRoot"/>'s.
/// </summary>
internal sealed class ShapedConfigurationRoot(IConfigurationRoot inner, IReadOnlySet<string> lists) : IConfigurationRoot
{
    public IEnumerable<IConfigurationProvider> Providers => inner.Providers;

    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    /// <summary>Whether the section at <paramref name="path"/> was written as a list.</summary>
    public bool IsList(string path) => lists.Contains(path);

    public IConfigurationSection GetSection(string key) => new ShapedConfigurationSection(this, inner.GetSection(key));

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(child => new ShapedConfigurationSection(this, child));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();

    public void Reload() => inner.Reload();
}

/// <summary>A section of a <see cref="ShapedConfigurationRoot"/>: knows whether it was written as a list.</summary>
internal sealed class ShapedConfigurationSection(ShapedConfigurationRoot root, IConfigurationSection inner) : IConfigurationSection
{
    public bool IsList => root.IsList(inner.Path);

    public string Key => inner.Key;

    public string Path => inner.Path;

    public string? Value
    {
        get => inner.Value;
        set => inner.Value = value;
    }

    public string? this[string key]
    {
        get => inner[key];
        set => inner[key] = value;
    }

    public IConfigurationSection GetSection(string key) => new ShapedConfigurationSection(root, inner.GetSection(key));

    public IEnumerable<IConfigurationSection> GetChildren() => inner.GetChildren().Select(child => new ShapedConfigurationSection(root, child));

    public IChangeToken GetReloadToken() => inner.GetReloadToken();
}
