namespace Asphalt.CommandLine;

/// <summary>Where the command line reads and writes, for embedding and tests; the process's by default.</summary>
public sealed class CommandLineSettings
{
    /// <summary>Where results (graphs, check reports, help) go; standard output when null.</summary>
    public TextWriter? Output { get; init; }

    /// <summary>Where errors go; standard error when null.</summary>
    public TextWriter? Error { get; init; }

    /// <summary>The environment variables to use; the process's when null.</summary>
    public IReadOnlyDictionary<string, string>? Environment { get; init; }
}
