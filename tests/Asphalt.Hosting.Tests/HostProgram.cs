using Asphalt.Tests.Shared;

namespace Asphalt.Hosting.Tests;

/// <summary>A program of the test output folder (<c>dotnet X.dll ...</c>) as a real process, in the Production environment whatever the shell says.</summary>
internal static class HostProgram
{
    private static readonly Dictionary<string, string?> Production = new() { ["DOTNET_ENVIRONMENT"] = "Production" };

    public static RealProcess Start(string program, params string[] arguments) =>
        RealProcess.StartDotnet(program + ".dll", arguments, Production);

    /// <summary>Runs a program to completion; returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, params string[] arguments)
    {
        using var process = await RealProcess.RunDotnetAsync(program + ".dll", arguments, Production);
        return (process.ExitCode, process.Output);
    }
}
