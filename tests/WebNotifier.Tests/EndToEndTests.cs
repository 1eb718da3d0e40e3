using System.Globalization;
using MimeKit;

namespace WebNotifier.Tests;

/// <summary>
/// The sample as users run it: a real process reading a YAML file, polling a real HTTP server on
/// loopback, and mailing the change to a real SMTP server.
/// </summary>
public sealed class EndToEndTests : IDisposable
{
    // Guards against a hang only; nothing here measures time.
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);

    private const string FirstPage = """
        <html>
        <body>
        <h1>Release notes</h1>
        <p>Version 1.0 is out.</p>
        <p>Nothing else is new.</p>
        </body>
        </html>
        """;

    private const string SecondPage = """
        <html>
        <body>
        <h1>Release notes</h1>
        <p>Version 1.1 is out.</p>
        <p>Nothing else is new.</p>
        </body>
        </html>
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("webnotifier-e2e-").FullName;

    [Fact]
    public async Task A_change_of_the_page_is_mailed_as_an_html_diff_over_smtp()
    {
        await using var page = new ChangingPageServer(FirstPage, SecondPage);
        await using var smtp = new LoopbackSmtpServer();
        using var guard = new CancellationTokenSource(HangGuard);
        await smtp.WaitUntilListeningAsync(guard.Token);

        var config = Path.Combine(_directory, "webnotifier.yaml");
        await File.WriteAllTextAsync(config, $$"""
            component:
              maxChanges: 1                 # exit 0 after the first mail
              components:
                detector:
                  url: {{page.Url}}
                  delay: 60                 # overridden with --set below
                mailer:
                  backend: smtp
                  host: 127.0.0.1
                  port: ${env:TEST_SMTP_PORT}     # substituted from the environment
                  security: none
                  messageDefaults:
                    sender: notifier@test.invalid
                    to: [ops@test.invalid, dev@test.invalid]
            """);

        using var sample = SampleProcess.Start(
            ["run", "-c", config, "--set", "component.components.detector.delay=0.1"],
            new Dictionary<string, string> { ["TEST_SMTP_PORT"] = smtp.Port.ToString(CultureInfo.InvariantCulture) });

        // Change the page only once the detector has seen the first version and the app is streaming changes.
        await Task.WhenAll(page.FirstPageServed.Task, sample.WaitForOutputAsync("Watching")).WaitAsync(guard.Token);
        page.Change();

        var mail = await smtp.ReceiveAsync(guard.Token);
        var exitCode = await sample.WaitForExitAsync().WaitAsync(guard.Token);

        Assert.True(exitCode == 0, $"exit code {exitCode}; output:\n{sample.Output}");
        Assert.Equal($"Change detected in {page.Url}", mail.Subject);
        Assert.Equal("notifier@test.invalid", ((MailboxAddress)mail.From.Single()).Address);
        Assert.Equal(["ops@test.invalid", "dev@test.invalid"], mail.To.Mailboxes.Select(m => m.Address));
        Assert.Contains("<del>&lt;p&gt;Version 1.0 is out.&lt;/p&gt;</del>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("<ins>&lt;p&gt;Version 1.1 is out.&lt;/p&gt;</ins>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("- <p>Version 1.0 is out.</p>\n+ <p>Version 1.1 is out.</p>", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<html>", mail.TextBody, StringComparison.Ordinal); // Only two lines of context around the change.

        // Conditional GET: after the first fetch every request carried If-Modified-Since with the page's date.
        var requests = page.Requests;
        Assert.Null(requests[0].IfModifiedSince);
        var changedRequest = requests.First(r => r.GotSecondPage);
        Assert.Equal(ChangingPageServer.FirstModified.ToString("R", CultureInfo.InvariantCulture), changedRequest.IfModifiedSince);
        Assert.All(requests.Skip(1), r => Assert.NotNull(r.IfModifiedSince));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
