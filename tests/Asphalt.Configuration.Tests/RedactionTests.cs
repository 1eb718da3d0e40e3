using System.Text.Json;
using Asphalt.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace Asphalt.Configuration.Tests;

/// <summary>
/// Secrets are found in the forms a program prints them in (normalised URLs, trimmed, decoded,
/// their parts), and redaction keeps the structure of log records.
/// </summary>
public sealed class RedactionTests : IDisposable
{
    private const string Token = "hunter2abc";
    private readonly TempFiles _files = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private LoadedConfiguration Load(string yaml, Dictionary<string, string> environment) =>
        new ConfigurationLoader { Files = { _files.Write("app.yaml", yaml) }, Environment = environment }.Load();

    [Fact]
    public void A_url_secret_is_found_normalised_decoded_and_by_its_host()
    {
        var loaded = Load("component:\n  url: ${env:PAGE_URL}\n", new() { ["PAGE_URL"] = $"HTTP://User:pa55word@Files.Example.ORG:8080/pub/feed?token=hun%74er2abc" });
        var url = new Uri(loaded.Configuration["component:url"]!);

        var text = loaded.Redact($"watching {url} ({url.AbsoluteUri}); token {Token}; login pa55word; host {url.Host}:{url.Port}; {url.Host.ToUpperInvariant()}");

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", text, StringComparison.Ordinal);
        Assert.DoesNotContain("files.example.org", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("watching *** (***); token ***; login ***; host ***:8080; ***", text);
    }

    [Fact]
    public void A_file_secret_is_found_without_its_trailing_space()
    {
        _files.Write("password.txt", "correct horse \n");
        var loaded = Load("component:\n  password: ${file:password.txt}\n", []);

        Assert.Equal("login with '***' failed", loaded.Redact("login with 'correct horse' failed"));
    }

    [Fact]
    public void Only_what_was_substituted_into_a_longer_value_is_secret_material()
    {
        var loaded = Load("component:\n  url: https://example.org/feed?token=${env:TOKEN}\n", new() { ["TOKEN"] = Token });

        // The parts written in the file stay readable; the substituted token and the value as a whole do not.
        Assert.Equal("fetching example.org/feed failed", loaded.Redact("fetching example.org/feed failed"));
        Assert.Equal("token *** refused", loaded.Redact($"token {Token} refused"));
        Assert.Equal("GET ***", loaded.Redact("GET HTTPS://EXAMPLE.ORG/feed?token=" + Token));
    }

    [Fact]
    public void A_short_secret_is_redacted_only_as_a_word_of_its_own()
    {
        var loaded = Load("component:\n  port: ${env:PORT}\n", new() { ["PORT"] = "25" });

        Assert.Equal("connecting to smtp:*** in 2025", loaded.Redact("connecting to smtp:25 in 2025"));
    }

    [Fact]
    public async Task A_json_console_record_keeps_its_state_with_the_secret_values_redacted()
    {
        var file = _files.Write("app.yaml", "component:\n  components:\n    greeter:\n      greeting: ${env:PASSWORD}\n      fail: true\n");
        using var json = new JsonConsoleCapture();
        var definition = TestApplication.Definition(TextWriter.Null) with
        {
            ConfigureOptions = options =>
            {
                options.HandleStopSignals = false;
                options.LoggerFactory = json;
            },
        };

        var code = await AsphaltCommandLine.RunAsync(["run", "-c", file], definition,
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string> { ["PASSWORD"] = "pa55word" } });

        Assert.Equal(1, code);
        Assert.DoesNotContain("pa55word", json.Text, StringComparison.Ordinal);

        // A component's record through ILogger: names and template kept, the value redacted.
        var greeter = json.Record("Tests.Greeter");
        Assert.Equal("Greeting is ***", greeter.GetProperty("Message").GetString());
        var greeting = greeter.GetProperty("State");
        Assert.Equal("***", greeting.GetProperty("Greeting").GetString());
        Assert.Equal("Greeting is {Greeting}", greeting.GetProperty("{OriginalFormat}").GetString());

        // The runtime's own records keep theirs too, and the one-line start failure quoting the cause is redacted.
        var stopped = json.Records("Asphalt.Application").Last().GetProperty("State");
        Assert.Equal(1, stopped.GetProperty("ExitCode").GetInt32());
        Assert.Equal("Application stopped (exit code {ExitCode})", stopped.GetProperty("{OriginalFormat}").GetString());
        var failed = json.Records("Asphalt.Application").Single(r => r.GetProperty("LogLevel").GetString() == "Error");
        Assert.Contains("could not greet with '***'", failed.GetProperty("Message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scope_with_a_secret_value_keeps_its_names_and_loses_the_value()
    {
        var file = _files.Write("app.yaml", "component:\n  components:\n    greeter:\n      greeting: ${env:PASSWORD}\n");
        using var json = new JsonConsoleCapture();
        var definition = TestApplication.Definition(TextWriter.Null) with
        {
            Name = "scoped",
            ConfigureOptions = options =>
            {
                options.HandleStopSignals = false;
                options.LoggerFactory = json;
            },
        };
        var types = definition.ComponentTypes;

        var code = await AsphaltCommandLine.RunAsync(["run", "-c", file], definition with { ComponentTypes = ScopedTypes(types) },
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string> { ["PASSWORD"] = "pa55word" } });

        Assert.Equal(0, code);
        Assert.DoesNotContain("pa55word", json.Text, StringComparison.Ordinal);
        // The runtime's scope with the component path comes first, then the one the component began.
        var scopes = json.Record("Tests.Scoped").GetProperty("Scopes").EnumerateArray().ToList();
        Assert.Contains(scopes, s => s.TryGetProperty("Component", out _));
        var scope = Assert.Single(scopes, s => s.TryGetProperty("Secret", out _));
        Assert.Equal("***", scope.GetProperty("Secret").GetString());
        Assert.Equal("using {Secret}", scope.GetProperty("{OriginalFormat}").GetString());
    }

    [Fact]
    public async Task Check_prints_a_factorys_error_without_the_normalised_secret_url()
    {
        var file = _files.Write("app.yaml", "component:\n  components:\n    greeter: {greeting: hi}\n    fetcher: {url: '${env:PAGE_URL}'}\n");

        var code = await AsphaltCommandLine.RunAsync(["check", "-c", file], FetcherDefinition(),
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string> { ["PAGE_URL"] = $"FTP://Files.Example.org/{Token}" } });

        Assert.Equal(1, code);
        var error = _error.ToString();
        Assert.Contains("component.components.fetcher: creating component 'app/fetcher' (Tests.Fetcher) failed: cannot fetch '***'", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unexpected_exception_is_printed_redacted()
    {
        var file = _files.Write("app.yaml", "component:\n  components:\n    greeter: {greeting: hi}\n    fetcher: {url: '${env:PAGE_URL}', crash: true}\n");

        var code = await AsphaltCommandLine.RunAsync(["run", "-c", file], FetcherDefinition(),
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string> { ["PAGE_URL"] = $"https://example.org/{Token}" } });

        Assert.Equal(1, code);
        var error = _error.ToString();
        Assert.Contains("NotSupportedException: no fetching from /***", error, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error, StringComparison.Ordinal);
    }

    private ApplicationDefinition FetcherDefinition()
    {
        var definition = TestApplication.Definition(TextWriter.Null);
        return definition with
        {
            ComponentTypes = [.. definition.ComponentTypes, new ComponentTypeInfo("fetcher", "Tests.Fetcher", FetcherComponent.Create)],
        };
    }

    private static ComponentTypes ScopedTypes(ComponentTypes types) =>
    [
        .. types.Where(t => t.Alias != "greeter"),
        new ComponentTypeInfo("greeter", "Tests.ScopedGreeter", c => new ScopedGreeterComponent(c.Section["greeting"]!, c.ResourceName))
        {
            Provides = [new("Tests.Greeting")],
        },
    ];

    public void Dispose()
    {
        _files.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    /// <summary>Refuses a non-http URL naming it (as normalised by <see cref="Uri"/>), or crashes with it.</summary>
    private sealed class FetcherComponent : Component
    {
        public static FetcherComponent Create(ComponentConfiguration configuration)
        {
            var url = ConfigurationValues.ParseUri(configuration.Section.GetSection("url"));
            if (configuration.Section["crash"] == "true")
            {
                throw new NotSupportedException($"no fetching from {url.AbsolutePath}");
            }

            return url.Scheme is "http" or "https" ? new FetcherComponent() : throw new InvalidOperationException($"cannot fetch '{url}'");
        }
    }

    /// <summary>Publishes the greeting and logs inside a scope that holds it.</summary>
    private sealed class ScopedGreeterComponent(string greeting, string resourceName) : Component
    {
        public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
        {
            var logger = context.LoggerFactory.CreateLogger("Tests.Scoped");
            using (logger.BeginScope("using {Secret}", greeting))
            {
                logger.LogInformation("Greeting published");
            }

            context.AddResource(new Greeting(greeting, Path ?? "?"), resourceName);
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>
    /// Microsoft.Extensions.Logging's JSON console formatter (<c>AddJsonConsole</c>, scopes on),
    /// writing each record to a string instead of the console, so records can be read back.
    /// </summary>
    private sealed class JsonConsoleCapture : ILoggerFactory
    {
        private readonly ServiceProvider _services;
        private readonly ConsoleFormatter _formatter;
        private readonly LoggerExternalScopeProvider _scopes = new();
        private readonly List<string> _lines = [];

        public JsonConsoleCapture()
        {
            _services = new ServiceCollection().AddLogging(logging => logging.AddJsonConsole(o => o.IncludeScopes = true)).BuildServiceProvider();
            _formatter = _services.GetServices<ConsoleFormatter>().Single(f => f.Name == ConsoleFormatterNames.Json);
        }

        public string Text
        {
            get
            {
                lock (_lines)
                {
                    return string.Join("\n", _lines);
                }
            }
        }

        public IEnumerable<JsonElement> Records(string category)
        {
            lock (_lines)
            {
                return [.. _lines.Select(l => JsonDocument.Parse(l).RootElement).Where(r => r.GetProperty("Category").GetString() == category)];
            }
        }

        public JsonElement Record(string category) => Records(category).Single();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void AddProvider(ILoggerProvider provider)
        {
        }

        public void Dispose() => _services.Dispose();

        private sealed class Logger(JsonConsoleCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                using var line = new StringWriter();
                capture._formatter.Write(new LogEntry<TState>(logLevel, category, eventId, state, exception, formatter), capture._scopes, line);
                lock (capture._lines)
                {
                    capture._lines.Add(line.ToString().Trim());
                }
            }
        }
    }
}
