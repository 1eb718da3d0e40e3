using Asphalt.Tests.Shared;

namespace WebNotifier.Tests;

/// <summary>The WebNotifier sample running as a real process (<c>dotnet WebNotifier.dll ...</c>) in an environment the test decides.</summary>
internal static class SampleProcess
{
    /// <summary>Starts the sample: the variables it reads are removed from the inherited environment, then <paramref name="environment"/> is set.</summary>
    public static RealProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        // The test decides the environment: nothing from the developer's shell leaks in.
        var decided = Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("WEBNOTIFIER_", StringComparison.OrdinalIgnoreCase) || name is "ASPHALT_SERVICE" or "SMTP_PASSWORD")
            .ToDictionary(name => name, string? (_) => null);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            decided[name] = value;
        }

        return RealProcess.StartDotnet("WebNotifier.dll", arguments, decided, workingDirectory);
    }
}
