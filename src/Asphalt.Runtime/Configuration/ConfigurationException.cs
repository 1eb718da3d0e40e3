namespace Asphalt.Configuration;

/// <summary>
/// The configuration is invalid. Carries every problem found, not just the first, each with its
/// file, line and key path; the message lists them all, one per line.
/// </summary>
public sealed class ConfigurationException : Exception
{
    /// <summary>Creates the exception from the problems found (at least one).</summary>
    public ConfigurationException(IReadOnlyList<ConfigurationError> errors)
        : base(Format(errors))
    {
        Errors = errors;
    }

    /// <summary>Every problem, in the order found (files in order, then top to bottom).</summary>
    public IReadOnlyList<ConfigurationError> Errors { get; }

    private static string Format(IReadOnlyList<ConfigurationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var heading = errors.Count == 1
            ? "The configuration has 1 error:"
            : $"The configuration has {errors.Count} errors:";
        return heading + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
    }
}
