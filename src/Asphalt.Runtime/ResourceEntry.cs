namespace Asphalt;

/// <summary>A published resource value under one name, with who published it.</summary>
internal sealed class ResourceEntry(string name, object value, string publisher)
{
    public string Name { get; } = name;

    public object Value { get; } = value;

    public string Publisher { get; } = publisher;
}
