namespace Asphalt.Configuration;

/// <summary>
/// Bounds on configuration input, far beyond any real configuration, so a hostile or broken file
/// gives a located error instead of a stack overflow, a hang or gigabytes of memory. Documented in
/// docs/configuration.md ("Limits"); the build-time checker (Asphalt.Generators) applies the same numbers.
/// </summary>
public static class ConfigurationLimits
{
    /// <summary>
    /// The deepest a value may be nested: the number of keys on its path (<c>a.b.c</c> is 3; a list item
    /// counts as a level). Applies to files, <c>--set</c> keys and values, and environment variables.
    /// </summary>
    public const int MaxDepth = Trees.ConfigurationText.MaxDepth;

    /// <summary>The most values (scalars, lists and mappings) that aliases (<c>*name</c>) may copy in one file.</summary>
    public const int MaxAliasExpansion = Trees.ConfigurationText.MaxAliasExpansion;

    /// <summary>
    /// The largest configuration file read, in bytes (1 MiB, hundreds of times a real one): it bounds the
    /// memory and time of reading and checking (a file of 1 MiB of keys checks in a couple of seconds).
    /// </summary>
    public const long MaxFileSize = 1024 * 1024;

    /// <summary>The message for a value nested deeper than <see cref="MaxDepth"/>.</summary>
    internal const string TooDeep = Trees.ConfigurationText.TooDeep;

    /// <summary>The message for aliases copying more than <see cref="MaxAliasExpansion"/> values.</summary>
    internal const string TooManyAliasCopies = Trees.ConfigurationText.TooManyAliasCopies;
}
