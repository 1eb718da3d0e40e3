namespace Asphalt;

/// <summary>
/// A component's configuration could not be bound to its options: an unknown key, a value that does
/// not convert, or a missing required key. The message names the full key path
/// (<c>components:store:port</c>) and what was expected there.
/// </summary>
public sealed class ConfigurationBindingException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The full configuration key path of the offending key.</param>
    /// <param name="expected">What was expected there (a type name, or the list of known keys).</param>
    /// <param name="message">The complete message.</param>
    public ConfigurationBindingException(string path, string expected, string message)
        : base(message)
    {
        Path = path;
        Expected = expected;
    }

    /// <summary>The full configuration key path of the offending key.</summary>
    public string Path { get; }

    /// <summary>What was expected at <see cref="Path"/>: a type name, or the known keys.</summary>
    public string Expected { get; }
}
