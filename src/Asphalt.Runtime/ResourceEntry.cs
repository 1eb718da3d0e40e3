namespace Asphalt;

/// <summary>A published resource value under one name, with who published it.</summary>
internal sealed class ResourceEntry(string name, object value, Publisher publisher, bool generated = false)
{
    public string Name { get; } = name;

    public object Value { get; } = value;

    public Publisher Publisher { get; } = publisher;

    /// <summary>Made by a resource factory for this context only.</summary>
    public bool Generated { get; } = generated;
}
