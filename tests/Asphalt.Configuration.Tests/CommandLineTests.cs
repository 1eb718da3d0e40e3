using Asphalt.CommandLine;

namespace Asphalt.Configuration.Tests;

/// <summary>The command line run in-process against a test application, with real files.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly StringWriter _app = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private Task<int> RunWithEnvironmentAsync(Dictionary<string, string>? environment, params string[] args) =>
        AsphaltCommandLine.RunAsync(args, TestApplication.Definition(_app),
            new CommandLineSettings { Output = _output, Error = _error, Environment = environment ?? new Dictionary<string, string>() });

    private Task<int> RunAsync(params string[] args) => RunWithEnvironmentAsync(null, args);

    private string Config(string yaml, string name = "app.yaml") => _files.Write(name, yaml);

    [Fact]
    public async Task Run_merges_files_and_overrides_and_returns_the_applications_exit_code()
    {
        var first = Config("component:\n  exitCode: 3\n  components:\n    greeter:\n      greeting: Hello\n", "a.yaml");
        var second = Config("component:\n  components:\n    greeter:\n      shout: true\n", "b.yaml");

        var code = await RunAsync("run", "-c", first, "--config", second, "--set", "component.components.greeter.greeting=Howdy");

        Assert.Equal(3, code);
        Assert.Equal("HOWDY (from app/greeter)\n", _app.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("", _error.ToString());
    }

    [Fact]
    public async Task Run_takes_keys_from_prefixed_environment_variables()
    {
        var code = await RunWithEnvironmentAsync(new() { ["GREETING_component__components__greeter__greeting"] = "from env" }, "run");

        Assert.Equal(0, code);
        Assert.Equal("from env (from app/greeter)\n", _app.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Run_selects_the_service_from_the_option_or_the_environment()
    {
        var file = Config("""
            services:
              default:
                component: {components: {greeter: {greeting: normal}}}
              loud:
                component: {components: {greeter: {greeting: loud, shout: true}}}
            """);

        Assert.Equal(0, await RunAsync("run", "-c", file, "--service", "loud"));
        Assert.Equal(0, await RunWithEnvironmentAsync(new() { ["ASPHALT_SERVICE"] = "default" }, "run", "-c", file));
        Assert.Equal(1, await RunAsync("run", "-c", file, "-s", "quiet"));

        Assert.Equal("LOUD (from app/greeter)\nnormal (from app/greeter)\n", _app.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("Service 'quiet' has not been defined (defined: default, loud)", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_bad_configuration_starts_nothing_and_lists_every_error()
    {
        var file = Config("component:\n  exitCode: x\n  components:\n    greeter:\n      greting: typo\n");

        var code = await RunAsync("run", "-c", file);

        Assert.Equal(1, code);
        Assert.Equal("", _app.ToString());
        var error = _error.ToString();
        // Every component is checked; each problem is its own located error.
        Assert.Contains("greeting: The configuration has 2 errors:", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:2:3: component.exitCode: Configuration value 'x' is not a valid Int32.", error, StringComparison.Ordinal);
        Assert.Contains($"{file}:5:7: component.components.greeter.greting: Unknown configuration key", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_refuses_what_check_refuses_a_typo_at_the_top_or_a_resource_nobody_publishes()
    {
        var file = Config("compnent:\n  exitCode: 5\ncomponent:\n  greeter: nobody\n  components:\n    greeter: {greeting: hi}\n");

        var code = await RunAsync("run", "-c", file);

        Assert.Equal(1, code);
        Assert.Equal("", _app.ToString());
        Assert.Contains($"{file}:1:1: compnent: unknown top-level key", _error.ToString(), StringComparison.Ordinal);
        Assert.Contains("takes resource Tests.Greeting 'nobody', which no component in the configured tree publishes", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_creates_each_component_once()
    {
        // A constructor with a side effect (here: counting) must see one start, not a check's copy as well.
        var created = new List<string>();
        var types = new ComponentTypes();
        foreach (var type in TestApplication.Types(_app))
        {
            types.Add(type with { Create = configuration => { created.Add(configuration.Path); return type.Create(configuration); } });
        }

        var definition = TestApplication.Definition(_app) with { ComponentTypes = types };
        var file = Config("component:\n  components:\n    greeter:\n      greeting: hi\n    extra:\n      type: idle\n");

        var code = await AsphaltCommandLine.RunAsync(["run", "-c", file], definition,
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string>() });

        Assert.Equal(0, code);
        Assert.Equal("hi (from app/greeter)\n", _app.ToString().ReplaceLineEndings("\n"));
        Assert.Equal(["app", "app/greeter", "app/extra"], created);
    }

    [Fact]
    public async Task An_empty_string_for_a_child_is_a_child_with_all_defaults_for_check_graph_and_run()
    {
        // As 'idle:' with no value, and as an empty value in JSON or an environment variable.
        var file = Config("component:\n  components:\n    greeter: {greeting: hi}\n    idle: \"\"\n");

        Assert.Equal(0, await RunAsync("check", "-c", file));
        Assert.Equal(0, await RunAsync("graph", "-c", file));
        Assert.Equal(0, await RunAsync("run", "-c", file));

        Assert.Equal("", _error.ToString());
        Assert.StartsWith("Configuration OK: 3 components (app, app/greeter, app/idle)", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal("hi (from app/greeter)\n", _app.ToString().ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Check_exits_0_for_a_good_configuration_and_starts_nothing()
    {
        var file = Config("component:\n  components:\n    greeter:\n      greeting: hi\n    extra:\n      type: idle\n");

        var code = await RunAsync("check", "-c", file);

        Assert.Equal(0, code);
        Assert.Equal("Configuration OK: 3 components (app, app/greeter, app/extra), 1 resources.\n", _output.ToString().ReplaceLineEndings("\n"));
        Assert.Equal("", _app.ToString());
    }

    [Fact]
    public async Task Check_exits_1_listing_every_error_of_every_kind_at_once()
    {
        var file = Config("""
            component:
              greeter: missing
              components:
                greeter:
                  shout: maybe
                other:
                  type: nosuch
            logging:
              level: Chatty
            """);

        var code = await RunAsync("check", "-c", file, "--set", "startTimeout=-1");

        Assert.Equal(1, code);
        var report = _error.ToString().ReplaceLineEndings("\n");
        var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("greeting: The configuration has 4 errors:", lines[0]);
        Assert.Equal(4, lines.Length - 1);
        Assert.True(lines.Any(l => l.Contains("--set startTimeout=…: startTimeout: '-1' is not a number of seconds", StringComparison.Ordinal)), report);
        Assert.True(lines.Any(l => l.Contains($"{file}:4:5: component.components.greeter.greeting: Required configuration key 'greeting' (String) is missing.", StringComparison.Ordinal)), report);
        Assert.True(lines.Any(l => l.Contains($"{file}:7:7: component.components.other.type: unknown component type 'nosuch'", StringComparison.Ordinal)), report);
        Assert.True(lines.Any(l => l.Contains($"{file}:9:3: logging.level: 'Chatty' is not a log level", StringComparison.Ordinal)), report);

        // The unknown type might publish Greeting 'missing': resources are checked once every type is known, as in the build.
        Assert.DoesNotContain("which no component in the configured tree publishes", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_all_services_checks_each_one_even_without_a_default()
    {
        var file = Config("""
            component:
              components:
                greeter: {greeting: hi}
            services:
              good: {}
              broken:
                component:
                  components:
                    greeter: {shout: sometimes}
              alsogood:
                component: {exitCode: 4}
            """);

        var code = await RunAsync("check", "-c", file, "--all-services");

        Assert.Equal(1, code);
        Assert.Equal(
            "[service good]\nConfiguration OK, service 'good': 2 components (app, app/greeter), 1 resources.\n"
            + "[service broken]\n"
            + "[service alsogood]\nConfiguration OK, service 'alsogood': 2 components (app, app/greeter), 1 resources.\n",
            _output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("greeting (service 'broken'): The configuration has 1 error:", _error.ToString(), StringComparison.Ordinal);
        Assert.True(_error.ToString().Contains($"{file}:9:19: component.components.greeter.shout: Configuration value 'sometimes' is not a valid Boolean", StringComparison.Ordinal), _error.ToString());

        Assert.Equal(AsphaltCommandLine.ExitUsage, await RunAsync("check", "-c", file, "--all-services", "--service", "good"));
        Assert.Equal(0, await RunAsync("check", "-c", file)); // Without it: the top level is the 'default' service.
        Assert.EndsWith("Configuration OK, service 'default': 2 components (app, app/greeter), 1 resources.\n", _output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_can_print_the_effective_configuration_with_secrets_redacted()
    {
        var file = Config("component:\n  components:\n    greeter:\n      greeting: ${env:SECRET_TEXT}\n");

        var code = await RunWithEnvironmentAsync(new() { ["SECRET_TEXT"] = "top secret" }, "check", "-c", file, "--print-config");

        Assert.Equal(0, code);
        Assert.Contains($"component.components.greeter.greeting = ***    # {file}:4:7", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("top secret", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_never_show_secret_values()
    {
        var file = Config("component:\n  exitCode: ${env:CODE}\n  components:\n    greeter: {greeting: hi}\n");

        var code = await RunWithEnvironmentAsync(new() { ["CODE"] = "s3cr3t-token" }, "run", "-c", file);

        Assert.Equal(1, code);
        Assert.Contains("component.exitCode: Configuration value '***' is not a valid Int32.", _error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-token", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_never_reach_the_log_not_even_in_exceptions()
    {
        var file = Config("component:\n  components:\n    greeter:\n      greeting: ${env:PASSWORD}\n      fail: true\n");
        var log = new CapturingLoggerFactory();
        var definition = TestApplication.Definition(_app) with
        {
            ConfigureOptions = options =>
            {
                options.HandleStopSignals = false;
                options.LoggerFactory = log;
            },
        };

        var code = await AsphaltCommandLine.RunAsync(["run", "-c", file], definition,
            new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string> { ["PASSWORD"] = "pa55word" } });

        Assert.Equal(1, code);
        var text = log.Text;
        Assert.Contains("Greeting is ***", text, StringComparison.Ordinal);
        Assert.Contains("could not greet with '***'", text, StringComparison.Ordinal);
        Assert.DoesNotContain("pa55word", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("mermaid", "flowchart LR")]
    [InlineData("dot", "digraph asphalt {")]
    [InlineData("json", "\"startOrder\": [")]
    public async Task Graph_prints_the_configured_tree_in_each_format(string format, string expected)
    {
        var file = Config("component:\n  components:\n    greeter: {greeting: hi}\n");

        var code = await RunAsync("graph", "-c", file, "--format", format);

        Assert.Equal(0, code);
        Assert.Contains(expected, _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("app/greeter", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_json_has_components_resources_and_start_order()
    {
        var code = await RunAsync("graph", "-f", "json", "--set", "component.components.greeter.greeting=hi");

        Assert.Equal(0, code);
        using var json = System.Text.Json.JsonDocument.Parse(_output.ToString());
        var root = json.RootElement;
        Assert.Equal("Tests.GreetingApp", root.GetProperty("root").GetString());
        Assert.Equal(["app", "app/greeter"], root.GetProperty("components").EnumerateArray().Select(c => c.GetProperty("path").GetString()));
        var resource = Assert.Single(root.GetProperty("resources").EnumerateArray());
        Assert.Equal("app/greeter", resource.GetProperty("provider").GetString());
        Assert.Equal([["app/greeter"], ["app"]], root.GetProperty("startOrder").EnumerateArray().Select(s => s.EnumerateArray().Select(p => p.GetString()).ToArray()));
    }

    [Fact]
    public async Task Help_lists_the_commands_and_exits_0()
    {
        Assert.Equal(0, await RunAsync("--help"));
        Assert.Equal(0, await RunAsync("run", "--help"));

        var help = _output.ToString();
        Assert.Contains("run", help, StringComparison.Ordinal);
        Assert.Contains("graph", help, StringComparison.Ordinal);
        Assert.Contains("check", help, StringComparison.Ordinal);
        Assert.Contains("-c, --config <FILE>", help, StringComparison.Ordinal);
        Assert.Contains("--set <K=V>", help, StringComparison.Ordinal);
        Assert.Contains("-s, --service <NAME>", help, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_options_commands_and_values_exit_2_with_a_clear_message()
    {
        Assert.Equal(AsphaltCommandLine.ExitUsage, await RunAsync("run", "--confg", "x.yaml"));
        Assert.Equal(AsphaltCommandLine.ExitUsage, await RunAsync("graph", "--format", "png"));
        Assert.Equal(AsphaltCommandLine.ExitUsage, await RunAsync("start"));

        var error = _error.ToString();
        Assert.Contains("greeting: Unrecognized command or argument '--confg'.", error, StringComparison.Ordinal);
        Assert.Contains("png", error, StringComparison.Ordinal);
        Assert.Contains("greeting: Unrecognized command or argument 'start'.", error, StringComparison.Ordinal);
        Assert.Contains("Run 'greeting --help' for the commands and options.", error, StringComparison.Ordinal);
        Assert.Equal("", _app.ToString());
    }

    [Theory]
    [InlineData("component.exitCode=abc", "component.exitCode: Configuration value 'abc' is not a valid Int32.")]
    [InlineData("startTimeout=abc", "startTimeout: 'abc' is not a number of seconds")]
    [InlineData("startTimeout=1e12", "startTimeout: '1e12' is not a number of seconds from 0 (no limit) to 4294967")] // Beyond what a timer waits: was an unhandled exception.
    [InlineData("logging.level=Loud", "logging.level: 'Loud' is not a log level")]
    public async Task Every_command_that_loads_configuration_rejects_a_bad_value_the_same_way(string set, string expected)
    {
        var file = Config("component:\n  components:\n    greeter: {greeting: hi}\n");

        foreach (var command in new[] { "check", "graph", "run" })
        {
            _error.GetStringBuilder().Clear();

            var code = await RunAsync(command, "-c", file, "--set", set);

            Assert.True(code == 1, $"{command} exited {code}");
            Assert.Contains($"--set {set[..set.IndexOf('=')]}=…: {expected}", _error.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("", _output.ToString());
        Assert.Equal("", _app.ToString());
    }

    [Fact]
    public async Task A_list_where_a_single_value_belongs_is_named_as_a_list()
    {
        var file = Config("component:\n  exitCode: [1, 2]\n  components:\n    greeter: {greeting: hi}\n");

        Assert.Equal(1, await RunAsync("check", "-c", file));

        Assert.Contains($"{file}:2:3: component.exitCode: Configuration key 'exitCode' is a list, not a single Int32 value.", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unset_variable_in_a_set_value_is_reported_at_the_argument_with_its_plain_key_path()
    {
        var code = await RunAsync("check", "--set", "component.components.greeter.greeting=${env:UNSET_GREETING}");

        Assert.Equal(1, code);
        Assert.Contains(
            "--set component.components.greeter.greeting=…: component.components.greeter.greeting: environment variable 'UNSET_GREETING' is not set",
            _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_directory_given_as_configuration_file_is_named_as_a_directory()
    {
        var code = await RunAsync("check", "-c", _files.Directory);

        Assert.Equal(1, code);
        Assert.Contains($"{_files.Directory}: cannot read the configuration file: it is a directory", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_valid_utf8_is_rejected_with_its_line_and_byte_offset()
    {
        var file = Path.Combine(_files.Directory, "latin1.yaml");
        File.WriteAllBytes(file, [.. "component:\n  components:\n    greeter: {greeting: caf"u8, 0xE9, .. "}\n"u8]);

        var code = await RunAsync("check", "-c", file);

        Assert.Equal(1, code);
        Assert.Contains($"{file}:3:28: the file is not valid UTF-8: byte 0xE9 at byte offset 52; save the file as UTF-8", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_larger_than_the_limit_is_rejected_naming_its_size()
    {
        var file = Path.Combine(_files.Directory, "huge.yaml");
        using (var stream = File.Create(file))
        {
            stream.SetLength((1024 * 1024) + 1); // docs/configuration.md, "Limits"
        }

        Assert.Equal(1, await RunAsync("check", "-c", file));

        Assert.Contains($"{file}: the configuration file is 1048577 bytes, larger than the limit of 1048576 bytes", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_environment_variable_nested_deeper_than_the_limit_is_an_error()
    {
        var name = "GREETING_component" + string.Concat(Enumerable.Repeat("__a", 100));

        Assert.Equal(1, await RunWithEnvironmentAsync(new() { [name] = "x" }, "check"));

        Assert.Contains($"environment variable {name}: component{string.Concat(Enumerable.Repeat(".a", 63))}.…: the configuration is nested deeper than 64 levels (the limit); flatten it (the key has 101 levels)",
            _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_set_without_equals_sign_exits_1_naming_the_argument()
    {
        var code = await RunAsync("run", "--set", "component.exitCode");

        Assert.Equal(1, code);
        Assert.Contains("Configuration must be set with '=', got: 'component.exitCode'", _error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Graph_declared_needs_a_generated_plan()
    {
        Assert.Equal(1, await RunAsync("graph", "--declared"));
        Assert.Contains("no build-time wiring plan", _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _files.Dispose();
        _app.Dispose();
        _output.Dispose();
        _error.Dispose();
    }

    /// <summary>Collects every log line and logged exception as text.</summary>
    private sealed class CapturingLoggerFactory : Microsoft.Extensions.Logging.ILoggerFactory, Microsoft.Extensions.Logging.ILogger
    {
        private readonly System.Text.StringBuilder _text = new();

        public string Text
        {
            get
            {
                lock (_text)
                {
                    return _text.ToString();
                }
            }
        }

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => this;

        public void AddProvider(Microsoft.Extensions.Logging.ILoggerProvider provider)
        {
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_text)
            {
                _text.Append(formatter(state, exception)).Append('\n');
                if (exception is not null)
                {
                    _text.Append(exception).Append('\n');
                }
            }
        }

        public void Dispose()
        {
        }
    }
}
