using Asphalt.Tests.Shared;

namespace Asphalt.Runtime.Tests.TestSupport;

/// <summary>
/// The real-process helper every test project links (tests/Shared/RealProcess.cs), against real
/// <c>sh</c> processes; and the rule that it stays the only copy of the mechanics.
/// </summary>
public sealed class RealProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Keeps_each_stream_exactly_as_printed_and_every_line_in_the_interleaved_output()
    {
        using var process = RealProcess.Start("sh", ["-c", "printf 'one\\ntwo'; printf 'oops\\n' >&2"]);

        Assert.Equal(0, await process.WaitForExitAsync(Timeout));
        Assert.Equal("one\ntwo", process.StandardOutput); // The last line has no newline: none is added.
        Assert.Equal("oops\n", process.StandardError);
        Assert.Equal(["one", "oops", "two"], process.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
    }

    [Fact]
    public async Task Waiting_for_a_line_returns_the_rest_of_it()
    {
        using var process = RealProcess.Start("sh", ["-c", "echo 'Listening on  127.0.0.1:5000 '; exec sleep 600"]);

        Assert.Equal("127.0.0.1:5000", await process.WaitForOutputAsync("Listening on", Timeout));
        Assert.Equal("127.0.0.1:5000", await process.WaitForOutputAsync("Listening on", Timeout)); // Already printed.
    }

    [Fact]
    public async Task Waiting_for_a_line_the_process_exits_without_printing_fails_naming_the_text_and_the_output()
    {
        using var process = RealProcess.Start("sh", ["-c", "echo 'something else'"]);

        var error = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => process.WaitForOutputAsync("Application started", Timeout));

        Assert.Contains("'sh -c echo 'something else'' exited without printing 'Application started'", error.Message);
        Assert.Contains("It printed:\nsomething else\n", error.Message);
    }

    [Fact]
    public async Task Stop_sends_SIGTERM_and_returns_the_exit_code()
    {
        using var process = RealProcess.Start("sh", ["-c", "trap 'echo terminated; exit 7' TERM; echo ready; while :; do sleep 1; done"]);
        await process.WaitForOutputAsync("ready", Timeout);

        Assert.Equal(7, await process.StopAsync(Timeout));
        Assert.Contains("terminated", process.Output);
    }

    [Fact]
    public async Task Dispose_kills_a_process_that_still_runs()
    {
        var process = RealProcess.Start("sh", ["-c", "echo ready; exec sleep 600"]);
        await process.WaitForOutputAsync("ready", Timeout);
        var id = process.Id;

        process.Dispose();

        Assert.False(Directory.Exists($"/proc/{id}"), "the process still runs"); // Killed and reaped.
    }

    [Fact]
    public void The_process_and_port_mechanics_live_only_in_tests_Shared()
    {
        string[] mechanics = ["ProcessStartInfo", "OutputDataReceived", "\"-TERM\"", "int FreePort(", "int ClosedPort("];
        var tests = Path.Combine(NoReflectionTests.RepositoryRoot(), "tests");
        var copies = Directory.EnumerateFiles(tests, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.StartsWith(Path.Combine(tests, "Shared") + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && f != Path.Combine(tests, "Asphalt.Runtime.Tests", "TestSupport", "RealProcessTests.cs"))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: f, Line: i + 1, Text: line)))
            .Where(l => mechanics.Any(m => l.Text.Contains(m, StringComparison.Ordinal)))
            .Select(l => $"{Path.GetRelativePath(tests, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.Empty(copies); // Use tests/Shared/RealProcess.cs and Loopback.FreePort.
    }
}
