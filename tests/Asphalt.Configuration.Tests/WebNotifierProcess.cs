using Asphalt.Tests.Shared;
using WebNotifier.Tests;

namespace Asphalt.Configuration.Tests;

/// <summary>Runs the WebNotifier sample's command line as a real process, so a crash (a stack overflow) fails a test instead of the test host.</summary>
internal static class WebNotifierProcess
{
    /// <summary>
    /// The GC heap limit the process runs with: a configuration that balloons memory fails with an
    /// out-of-memory exit instead of exhausting the machine. Configuration never needs anywhere near this.
    /// </summary>
    private const string HeapLimit = "0x40000000"; // 1 GiB

    /// <summary>A bound for a process that hangs; a command on a configuration file needs a fraction of it.</summary>
    private static readonly TimeSpan Hang = TimeSpan.FromMinutes(3);

    public static Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments) =>
        RunAsync(new Dictionary<string, string>(), arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(Dictionary<string, string> environment, params string[] arguments)
    {
        using var process = SampleProcess.Start(arguments, new Dictionary<string, string>(environment) { ["DOTNET_GCHeapHardLimit"] = HeapLimit });
        var code = await process.WaitForExitAsync(Hang);
        return (code, process.StandardOutput, process.StandardError);
    }
}
