namespace Asphalt.Configuration.Tests;

/// <summary>The command line of the WebNotifier sample, run as a real process.</summary>
public sealed class SampleProcessTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static Task<(int ExitCode, string Output, string Error)> RunSampleAsync(params string[] arguments) =>
        WebNotifierProcess.RunAsync(arguments);

    private static Task<(int ExitCode, string Output, string Error)> RunSampleAsync(Dictionary<string, string> environment, params string[] arguments) =>
        WebNotifierProcess.RunAsync(environment, arguments);

    [Fact]
    public async Task Check_accepts_the_samples_own_configuration()
    {
        var (code, output, error) = await RunSampleAsync("check", "-c", Path.Combine(AppContext.BaseDirectory, "config.yaml"));

        Assert.True(code == 0, error);
        Assert.Equal("Configuration OK: 4 components (app, app/detector, app/mailer, app/demopage), 3 resources.\n", output);
    }

    [Fact]
    public async Task The_documented_smtp_example_checks_with_its_password_redacted()
    {
        var example = Path.Combine(AppContext.BaseDirectory, "notifier.example.yaml");

        var (code, output, error) = await RunSampleAsync(
            new Dictionary<string, string> { ["SMTP_PASSWORD"] = "correct horse" }, "check", "-c", example, "--service", "dry-run", "--print-config");
        var (missingCode, _, missingError) = await RunSampleAsync("check", "-c", example);

        Assert.True(code == 0, error);
        Assert.Contains("component.components.mailer.password = ***", output, StringComparison.Ordinal);
        Assert.Contains("component.components.mailer.backend = console", output, StringComparison.Ordinal);
        Assert.Contains("Configuration OK, service 'dry-run': 3 components (app, app/detector, app/mailer), 2 resources.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("correct horse", output + error, StringComparison.Ordinal);
        Assert.Equal(1, missingCode);
        Assert.Contains($"{example}:17:17: component.components.mailer.password: environment variable 'SMTP_PASSWORD' is not set", missingError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_rejects_a_bad_file_listing_every_error_with_file_and_line()
    {
        var file = _files.Write("bad.yaml", """
            component:
              components:
                detector:
                  url: not a url
                  delay: -3
                mailer:
                  backend: pigeon
                watcher:
                  type: detectr
            """);

        var (code, output, error) = await RunSampleAsync("check", "-c", file);

        Assert.Equal(1, code);
        Assert.Equal("", output);
        Assert.Contains("webnotifier: The configuration has 4 errors:", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:4:7: component.components.detector.url: Configuration value 'not a url' is not a valid absolute URL (http, https or ftp).", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:5:7: component.components.detector.delay: Configuration value '-3' is not a valid Double from 0.01 to 86400.", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:7:7: component.components.mailer.backend: Configuration value 'pigeon' is not a valid MailBackend (one of: Console, File, Smtp).", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:9:7: component.components.watcher.type: unknown component type 'detectr'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_prints_dot_with_the_start_order()
    {
        var (code, output, _) = await RunSampleAsync("graph", "--format", "dot", "-c", Path.Combine(AppContext.BaseDirectory, "config.yaml"));

        Assert.Equal(0, code);
        Assert.StartsWith("digraph asphalt {", output, StringComparison.Ordinal);
        Assert.Contains("\"app/detector\" -> \"r2\";", output, StringComparison.Ordinal);
        Assert.Contains("// 1. app/demopage, app/detector, app/mailer", output, StringComparison.Ordinal);
        Assert.Contains("// 2. app", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mermaid")]
    [InlineData("dot")]
    public async Task Graph_and_graph_declared_print_the_same_text_for_the_same_tree(string format)
    {
        // Without -c the configured tree is the tree the code declares (--set only gives the required URL): one builder draws both.
        var configured = await RunSampleAsync("graph", "--format", format, "--set", "component.components.detector.url=http://127.0.0.1/");
        var declared = await RunSampleAsync("graph", "--format", format, "--declared");

        Assert.Equal(0, configured.ExitCode);
        Assert.Equal(0, declared.ExitCode);
        Assert.Contains("start order", configured.Output, StringComparison.Ordinal);
        Assert.Equal(declared.Output, configured.Output);
    }

    [Fact]
    public async Task Unknown_options_exit_2()
    {
        var (code, _, error) = await RunSampleAsync("run", "--verbose");

        Assert.Equal(2, code);
        Assert.Contains("webnotifier: Unrecognized command or argument '--verbose'.", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_bad_override_exits_1_before_starting_anything()
    {
        var (code, output, error) = await RunSampleAsync("run", "-c", Path.Combine(AppContext.BaseDirectory, "config.yaml"), "--set", "component.components.detector.delay=soon");

        Assert.Equal(1, code);
        Assert.DoesNotContain("Starting application", output, StringComparison.Ordinal);
        Assert.Contains("--set component.components.detector.delay=…: component.components.detector.delay: Configuration value 'soon' is not a valid Double.", error, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
