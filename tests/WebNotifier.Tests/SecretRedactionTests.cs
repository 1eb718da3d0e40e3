using Asphalt.Tests.Shared;

namespace WebNotifier.Tests;

/// <summary>
/// The sample as a real process with a URL from <c>${env:}</c> or <c>${file:}</c>: what it prints
/// (logs, start errors, the mails the console backend prints) never shows the secret, whatever form
/// <see cref="Uri"/> gave it.
/// </summary>
public sealed class SecretRedactionTests : IDisposable
{
    private const string Token = "hunter2abc";

    // Guards against a hang only; nothing here measures time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private readonly string _directory = Directory.CreateTempSubdirectory("webnotifier-secrets-").FullName;

    [Theory]
    [InlineData("upper-case scheme", "HTTP://127.0.0.1:{port}/page.html?token=hunter2abc")]
    [InlineData("percent-encoded", "http://127.0.0.1:{port}/page.html?token=hun%74er2abc")]
    public async Task A_url_from_the_environment_is_redacted_as_uri_prints_it(string form, string url)
    {
        await using var page = new ChangingPageServer("<p>one</p>\n", "<p>two</p>\n");
        var value = url.Replace("{port}", page.Url.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

        var output = await RunUntilFirstMailAsync(page, "url: ${env:PAGE_URL}", new Dictionary<string, string> { ["PAGE_URL"] = value });

        Assert.True(output.Contains("Change detected in", StringComparison.Ordinal), $"{form}: no mail printed:\n{output}");
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.Contains("***", WatchingLine(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_from_a_file_with_a_trailing_space_is_redacted()
    {
        await using var page = new ChangingPageServer("<p>one</p>\n", "<p>two</p>\n");
        await File.WriteAllTextAsync(Path.Combine(_directory, "page-url.txt"), $"{page.Url}?token={Token} \n");

        var output = await RunUntilFirstMailAsync(page, "url: ${file:page-url.txt}", new Dictionary<string, string>());

        Assert.Contains("Change detected in", output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, output, StringComparison.Ordinal);
        Assert.Contains("***", WatchingLine(output), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_error_quoting_the_normalised_url_is_redacted()
    {
        var config = WriteConfig("url: ${env:PAGE_URL}");
        using var guard = new CancellationTokenSource(HangGuard);
        using var sample = SampleProcess.Start(["run", "-c", config], new Dictionary<string, string> { ["PAGE_URL"] = $"FTP://Files.Example.org/pub/{Token}" });

        var code = await sample.WaitForExitAsync().WaitAsync(guard.Token);

        Assert.Equal(1, code);
        Assert.Contains("The detector's 'url' must be an http or https URL, not '***'", sample.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, sample.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("files.example.org", sample.Output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_host_name_from_the_environment_is_redacted_in_a_fetch_error()
    {
        var config = WriteConfig($"url: http://${{env:PAGE_HOST}}:{Loopback.FreePort()}/page.html");
        using var guard = new CancellationTokenSource(HangGuard);
        using var sample = SampleProcess.Start(["run", "-c", config], new Dictionary<string, string> { ["PAGE_HOST"] = "LocalHost" });

        // Nothing listens there: the detector logs the failed fetch, whose message names host and port.
        await sample.WaitForOutputAsync("retrying in").WaitAsync(guard.Token);

        Assert.Contains("Connection refused (***:", sample.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", sample.Output, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string WriteConfig(string detectorUrlLine)
    {
        var config = Path.Combine(_directory, "webnotifier.yaml");
        File.WriteAllText(config, $$"""
            component:
              maxChanges: 1                 # exit 0 after the first mail
              components:
                detector:
                  {{detectorUrlLine}}
                  delay: 0.1
                mailer:
                  backend: console
            """);
        return config;
    }

    private async Task<string> RunUntilFirstMailAsync(ChangingPageServer page, string detectorUrlLine, IReadOnlyDictionary<string, string> environment)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        using var sample = SampleProcess.Start(["run", "-c", WriteConfig(detectorUrlLine)], environment, _directory);

        // Change the page only once the detector has seen the first version and the app is streaming changes.
        await Task.WhenAll(page.FirstPageServed.Task, sample.WaitForOutputAsync("Watching")).WaitAsync(guard.Token);
        page.Change();
        var code = await sample.WaitForExitAsync().WaitAsync(guard.Token);

        Assert.True(code == 0, $"exit code {code}; output:\n{sample.Output}");
        return sample.Output;
    }

    private static string WatchingLine(string output) =>
        output.Split('\n').Single(l => l.Contains("Watching ", StringComparison.Ordinal));
}
