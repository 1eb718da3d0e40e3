namespace Asphalt;

/// <summary>Validation of resource names and component aliases: identifiers, as in Asphalt.</summary>
internal static class ResourceNames
{
    public static void Validate(string name, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsIdentifier(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid name: use a non-empty identifier of letters, digits and underscores.",
                parameterName);
        }
    }

    public static bool IsIdentifier(string name) => Trees.TreeRules.IsIdentifier(name);
}
