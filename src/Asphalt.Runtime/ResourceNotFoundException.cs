namespace Asphalt;

/// <summary>
/// No resource of the requested type and name is published in the context or its parents.
/// The message lists the names under which the type <em>is</em> available, which is usually the fix.
/// </summary>
public sealed class ResourceNotFoundException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="key"/>.</summary>
    /// <param name="key">The resource that was asked for.</param>
    /// <param name="availableNames">The names under which the same type is published, if any.</param>
    public ResourceNotFoundException(ResourceKey key, IReadOnlyList<string> availableNames)
        : base(FormatMessage(key, availableNames))
    {
        Key = key;
        AvailableNames = availableNames;
    }

    /// <summary>The resource that was asked for.</summary>
    public ResourceKey Key { get; }

    /// <summary>The type that was asked for.</summary>
    public Type ResourceType => Key.Type;

    /// <summary>The name that was asked for.</summary>
    public string ResourceName => Key.Name;

    /// <summary>The names under which <see cref="ResourceType"/> is published.</summary>
    public IReadOnlyList<string> AvailableNames { get; }

    private static string FormatMessage(ResourceKey key, IReadOnlyList<string> availableNames)
    {
        var type = TypeNames.Display(key.Type);
        var available = availableNames.Count == 0
            ? $"{type} is not published under any name; check that the component providing it is part of the application and has started."
            : $"{type} is available under: '{string.Join("', '", availableNames)}'.";
        return $"No resource of type {type} named '{key.Name}' was found. {available}";
    }
}
