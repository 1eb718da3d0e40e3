namespace Asphalt;

/// <summary>
/// A root component that runs to completion and returns the process exit code (Asphalt's
/// <c>CLIApplicationComponent</c>). After the tree has started, <see cref="Application.RunAsync"/>
/// calls <see cref="RunAsync"/>; when it returns, the application tears down and exits.
/// </summary>
public abstract class CliApplicationComponent : Component
{
    /// <summary>The highest exit code used as is; anything above (or below 0) becomes 1 with a warning.</summary>
    /// <remarks>Shells report death by signal N as 128+N, so codes above 127 would be ambiguous.</remarks>
    public const int MaxExitCode = 127;

    /// <summary>Does the application's work.</summary>
    /// <param name="context">The application's context, with every component started.</param>
    /// <param name="cancellationToken">Cancelled when the application is asked to stop (SIGINT/SIGTERM).</param>
    /// <returns>The exit code: null means 0; outside 0–127 becomes 1 with a warning.</returns>
    public abstract Task<int?> RunAsync(Context context, CancellationToken cancellationToken);
}
