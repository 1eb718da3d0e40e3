namespace Asphalt.Hosting.Tests;

/// <summary>The generic host with AddAsphalt as a real process: start failure, run-to-exit, crash.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task Host_start_fails_with_the_runners_error_text_when_the_tree_fails_to_start()
    {
        var (exitCode, output) = await HostProgram.RunAsync("HostedApp", "host-fail");

        Assert.NotEqual(0, exitCode);
        const string RunnerLine = "Start-up failed: Component 'app/db' (HostedApp.FailingChild) failed while starting: InvalidOperationException: the database is unreachable";
        Assert.Contains(RunnerLine, output); // The runner's log line...
        Assert.Contains($"Asphalt.Hosting.AsphaltStartException: {RunnerLine}", output); // ...is the host's start exception.
        Assert.DoesNotContain("Host stopped", output);
    }

    [Fact]
    public async Task A_run_to_exit_root_stops_the_host_with_its_exit_code_after_teardown()
    {
        var (exitCode, output) = await HostProgram.RunAsync("HostedApp", "host-exit", "7");

        Assert.True(exitCode == 7, $"exit code {exitCode}; output:\n{output}");
        Assert.Contains("tree torn down", output);
        Assert.Contains("Application stopped (exit code 7)", output);
        Assert.Contains("Host stopped; exit code 7", output);
    }

    [Fact]
    public async Task A_crashed_service_task_stops_the_host_with_exit_code_1()
    {
        var (exitCode, output) = await HostProgram.RunAsync("HostedApp", "host-crash");

        Assert.True(exitCode == 1, $"exit code {exitCode}; output:\n{output}");
        Assert.Contains("the poller lost its connection", output);
        Assert.Contains("tree torn down", output);
        Assert.Contains("Host stopped; exit code 1", output);
    }
}
