using System.Globalization;
using Asphalt.CommandLine;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace WebNotifier.Tests;

/// <summary>The sample's definition run in-process through the command line, with the file mail backend.</summary>
public sealed class InProcessTests : IDisposable
{
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(2);
    private readonly string _directory = Directory.CreateTempSubdirectory("webnotifier-inproc-").FullName;

    [Fact]
    public async Task A_change_is_written_as_an_eml_file_by_the_file_backend()
    {
        await using var page = new ChangingPageServer("<p>one</p>\n<p>same</p>\n", "<p>two</p>\n<p>same</p>\n");
        using var guard = new CancellationTokenSource(HangGuard);
        using var logs = new WatchingLogger();
        var definition = WebNotifierDefinition.Create() with
        {
            ConfigureOptions = options =>
            {
                options.LoggerFactory = logs;
                options.HandleStopSignals = false;
            },
        };
        var mailDirectory = Path.Combine(_directory, "mail");
        var config = Path.Combine(_directory, "config.json");
        await File.WriteAllTextAsync(config, $$"""
            {
              "component": {
                "maxChanges": 1,
                "components": {
                  "detector": { "url": "{{page.Url}}", "delay": 0.05 },
                  "mailer": { "backend": "file", "directory": "{{mailDirectory}}" }
                }
              }
            }
            """);
        var output = new StringWriter();
        var error = new StringWriter();

        var run = AsphaltCommandLine.RunAsync(["run", "-c", config], definition,
            new CommandLineSettings { Output = output, Error = error, Environment = new Dictionary<string, string>() }, guard.Token);
        await Task.WhenAll(page.FirstPageServed.Task, logs.Watching.Task).WaitAsync(guard.Token);
        page.Change();
        var code = await run.WaitAsync(guard.Token);

        Assert.True(code == 0, error.ToString());
        var file = Assert.Single(Directory.GetFiles(mailDirectory, "*.eml"));
        var mail = await MimeMessage.LoadAsync(file, guard.Token);
        Assert.Equal($"Change detected in {page.Url}", mail.Subject);
        Assert.Equal("asphalt@localhost", ((MailboxAddress)mail.From.Single()).Address);
        Assert.Contains("- <p>one</p>\n+ <p>two</p>\n  <p>same</p>", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<del>&lt;p&gt;one&lt;/p&gt;</del>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(page.Requests, r => r.IfModifiedSince == ChangingPageServer.FirstModified.ToString("R", CultureInfo.InvariantCulture));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>Completes <see cref="Watching"/> when the application logs that it streams changes.</summary>
    private sealed class WatchingLogger : ILoggerFactory, ILogger
    {
        public TaskCompletionSource Watching { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (formatter(state, exception).StartsWith("Watching ", StringComparison.Ordinal))
            {
                Watching.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
