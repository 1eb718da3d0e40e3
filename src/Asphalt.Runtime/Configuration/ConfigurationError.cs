namespace Asphalt.Configuration;

/// <summary>One problem in the configuration: where it is, which key, what is wrong and how to fix it.</summary>
/// <param name="Location">The file and line (or other source) of the offending key.</param>
/// <param name="KeyPath">The dotted key path (<c>component.components.mailer.port</c>); empty for the whole file.</param>
/// <param name="Message">What is wrong and what to do; never contains a secret value.</param>
public sealed record ConfigurationError(SourceLocation Location, string KeyPath, string Message)
{
    /// <summary>Formats as <c>file:line: key.path: message</c>.</summary>
    public override string ToString() =>
        KeyPath.Length == 0 ? $"{Location}: {Message}" : $"{Location}: {KeyPath}: {Message}";
}
