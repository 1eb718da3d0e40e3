using System.Net;
using System.Net.Sockets;
using Asphalt.Tests.Shared;

namespace Asphalt.Configuration.Tests;

/// <summary>
/// <c>run -c FILE</c> of tests/ReloadApp as a real process: its greeter takes <c>Reloadable&lt;GreeterOptions&gt;</c>
/// and serves the greeting in force on a loopback port; the banner's options are not reloadable. The tests
/// rewrite the file as an operator (or an editor) would and wait for what the application logs and serves.
/// </summary>
public sealed class ReloadTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(2);
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Reload_accepted_then_rejected_with_the_start_up_error_then_restart_warnings()
    {
        var file = _files.Write("app.yaml", Config("hi", "2", "welcome"));
        using var process = RealProcess.StartDotnet("ReloadApp.dll", ["run", "-c", file]);
        var port = int.Parse(await process.WaitForOutputAsync("greeting served on port ", Generous), System.Globalization.CultureInfo.InvariantCulture);
        await process.WaitForOutputAsync("Watching configuration files for changes: " + file, Generous);
        Assert.Equal("hi x2", await ReadGreetingAsync(port));

        // Accepted: written as editors do, to a temporary file renamed over the original.
        ReplaceAsEditorsDo(file, Config("bonjour", "2", "welcome"));
        await process.WaitForOutputAsync("greeting is now bonjour x2", Generous);
        await process.WaitForOutputAsync("Configuration reloaded: new options of 'app/greeter' applied", Generous);
        Assert.Equal("bonjour x2", await ReadGreetingAsync(port));

        // Rejected: the same error text start-up gives for this file, and the old value still served.
        File.WriteAllText(file, Config("bonjour", "11", "welcome"));
        await process.WaitForOutputAsync("Configuration reload rejected, the options in force are kept.", Generous);
        var reloadError = await ErrorLineAsync(process, "component.components.greeter.repeat: ");
        using (var startUp = await RealProcess.RunDotnetAsync("ReloadApp.dll", ["run", "-c", file]))
        {
            Assert.Equal(1, startUp.ExitCode);
            Assert.Contains("reloadapp: The configuration has 1 error:", startUp.StandardError);
            Assert.Equal(StartUpErrorLine(startUp.StandardError, "component.components.greeter.repeat: "), reloadError);
        }

        Assert.StartsWith($"{file}:5:", reloadError);
        Assert.Equal("bonjour x2", await ReadGreetingAsync(port));

        // Not reloadable: the banner's options need a restart; the greeter's section is back to what is in force.
        File.WriteAllText(file, Config("bonjour", "2", "goodbye"));
        await process.WaitForOutputAsync("restart to apply: component.components.banner.text", Generous);
        Assert.Equal("bonjour x2", await ReadGreetingAsync(port));

        // The greeter replaced by another type: a change of the tree, not of its options; nothing is rebound.
        File.WriteAllText(file, Config("bonjour", "3", "goodbye").Replace("    greeter:\n", "    greeter:\n      type: banner\n", StringComparison.Ordinal));
        await process.WaitForOutputAsync("component.components.greeter.type", Generous);
        Assert.Contains("component.components.greeter.repeat", Lines(process.Output, "restart to apply").Last());
        Assert.Equal("bonjour x2", await ReadGreetingAsync(port));

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(Generous));
        var output = process.Output;
        Assert.Single(Lines(output, "greeting is now")); // However often the watcher fired, each text was reloaded once.
        Assert.Single(Lines(output, "Configuration reload rejected"));
        Assert.Equal(2, Lines(output, "restart to apply").Count);
    }

    [Fact]
    public async Task A_file_that_no_longer_parses_is_reported_once_and_everything_is_kept()
    {
        var file = _files.Write("app.yaml", Config("hi", "2", "welcome"));
        using var process = RealProcess.StartDotnet("ReloadApp.dll", ["run", "-c", file]);
        var port = int.Parse(await process.WaitForOutputAsync("greeting served on port ", Generous), System.Globalization.CultureInfo.InvariantCulture);
        await process.WaitForOutputAsync("Watching configuration files for changes: " + file, Generous);

        File.WriteAllText(file, "component:\n  components:\n    greeter: [unclosed\n");
        await process.WaitForOutputAsync("Configuration reload failed, nothing changed.", Generous);
        var parseError = await ErrorLineAsync(process, $"{file}:");
        using (var startUp = await RealProcess.RunDotnetAsync("ReloadApp.dll", ["run", "-c", file]))
        {
            Assert.Equal(1, startUp.ExitCode);
            Assert.Equal(StartUpErrorLine(startUp.StandardError, $"{file}:"), parseError); // The parser's message, located.
        }

        Assert.Equal("hi x2", await ReadGreetingAsync(port));

        // Fixed again: the next change is applied as usual.
        File.WriteAllText(file, Config("salut", "2", "welcome"));
        await process.WaitForOutputAsync("greeting is now salut x2", Generous);
        Assert.Equal("salut x2", await ReadGreetingAsync(port));
        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(Generous));
    }

    [Fact]
    public async Task An_application_whose_root_is_not_named_app_reloads_its_components_by_their_real_paths()
    {
        var file = _files.Write("app.yaml", Config("hi", "2", "welcome"));
        using var process = RealProcess.StartDotnet("ReloadApp.dll", ["run", "-c", file],
            new Dictionary<string, string?> { ["RELOADAPP_ROOT_ALIAS"] = "station" });
        var port = int.Parse(await process.WaitForOutputAsync("greeting served on port ", Generous), System.Globalization.CultureInfo.InvariantCulture);
        await process.WaitForOutputAsync("Watching configuration files for changes: " + file, Generous);

        File.WriteAllText(file, Config("salut", "2", "welcome"));
        await process.WaitForOutputAsync("Configuration reloaded: new options of 'station/greeter' applied", Generous);
        Assert.Equal("salut x2", await ReadGreetingAsync(port));
        Assert.Empty(Lines(process.Output, "restart to apply"));

        process.Terminate();
        Assert.Equal(0, await process.WaitForExitAsync(Generous));
    }

    [Fact]
    public async Task A_secret_in_a_rejected_new_value_never_reaches_the_log()
    {
        const string Secret = "987654321";
        var file = _files.Write("app.yaml", Config("hi", "2", "welcome"));
        using var process = RealProcess.StartDotnet("ReloadApp.dll", ["run", "-c", file],
            new Dictionary<string, string?> { ["RELOAD_REPEAT"] = Secret });
        await process.WaitForOutputAsync("Watching configuration files for changes: " + file, Generous);

        File.WriteAllText(file, Config("hi", "${env:RELOAD_REPEAT}", "welcome"));
        await process.WaitForOutputAsync("Configuration reload rejected, the options in force are kept.", Generous);
        var error = await ErrorLineAsync(process, "component.components.greeter.repeat: ");
        Assert.Contains("'***'", error);

        process.Terminate();
        await process.WaitForExitAsync(Generous);
        Assert.DoesNotContain(Secret, process.Output, StringComparison.Ordinal);
    }

    private static string Config(string greeting, string repeat, string banner) => $"""
        component:
          components:
            greeter:
              greeting: {greeting}
              repeat: {repeat}
            banner:
              text: {banner}
        """;

    private static void ReplaceAsEditorsDo(string file, string text)
    {
        var temporary = file + ".swp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, file, overwrite: true);
    }

    private static async Task<string> ReadGreetingAsync(int port)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(Generous);
        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
        using var reader = new StreamReader(client.GetStream());
        return await reader.ReadLineAsync(timeout.Token) ?? "<closed>";
    }

    // The error line of a multi-line log record, as printed (indented by the console formatter).
    private static async Task<string> ErrorLineAsync(RealProcess process, string text)
    {
        await process.WaitForOutputAsync(text, Generous);
        return Lines(process.Output, text).Last().Trim();
    }

    private static string StartUpErrorLine(string standardError, string text) =>
        Assert.Single(Lines(standardError, text)).Trim();

    private static List<string> Lines(string output, string text) =>
        [.. output.Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal)).Select(l => l.TrimEnd('\r'))];
}
