using System.Diagnostics;

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
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "WebNotifier.dll"));
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("WEBNOTIFIER_", StringComparison.OrdinalIgnoreCase) || k == "ASPHALT_SERVICE").ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment.Remove("SMTP_PASSWORD");
        info.Environment["DOTNET_GCHeapHardLimit"] = HeapLimit;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Hang);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Assert.Fail($"'{string.Join(' ', arguments.Select(a => a.Length > 80 ? a[..80] + "…" : a))}' did not exit within {Hang.TotalMinutes} minutes");
        }

        return (process.ExitCode, await output, await error);
    }
}
