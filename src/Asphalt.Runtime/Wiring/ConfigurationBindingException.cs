namespace Asphalt;

/// <summary>
/// A component's configuration could not be bound to its options: an unknown key, a value that does
/// not convert, or a missing required key. The message names the full key path
/// (<c>components:store:port</c>) and what was expected there. When a section has several problems,
/// one exception lists them all (<see cref="Problems"/>); <see cref="Path"/> and <see cref="Expected"/>
/// are then the first one's.
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
        Problems = [this];
    }

    /// <summary>Creates the exception listing several problems of one section.</summary>
    internal ConfigurationBindingException(IReadOnlyList<ConfigurationBindingException> problems)
        : base($"The configuration has {problems.Count} problems:\n  " + ExceptionMessages.Join("\n  ", problems))
    {
        Path = problems[0].Path;
        Expected = problems[0].Expected;
        Problems = problems;
    }

    /// <summary>The full configuration key path of the offending key (the first one's when there are several).</summary>
    public string Path { get; }

    /// <summary>What was expected at <see cref="Path"/>: a type name, or the known keys.</summary>
    public string Expected { get; }

    /// <summary>Every problem found, in the order the section was bound; just this exception when there is one.</summary>
    public IReadOnlyList<ConfigurationBindingException> Problems { get; }
}
