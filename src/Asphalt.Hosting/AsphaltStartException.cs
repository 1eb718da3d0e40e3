namespace Asphalt.Hosting;

/// <summary>
/// The component tree failed to start, so the host's start fails. The message is the runner's own line
/// (<c>Start-up failed: Component 'app/db' (Database) failed while starting: …</c>, or the start timeout's report).
/// </summary>
public sealed class AsphaltStartException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The runner's text for the failure.</param>
    /// <param name="exitCode">The exit code the tree's run ended with.</param>
    public AsphaltStartException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>The exit code the tree's run ended with (1 for a failed start).</summary>
    public int ExitCode { get; }
}
