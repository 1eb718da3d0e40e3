using Microsoft.Extensions.Configuration;
using Asphalt.CommandLine;
using Asphalt.Configuration.Tests.Generated;

namespace Asphalt.Configuration.Tests;

/// <summary>The command line on the definition the source generator emits (GeneratedApp.Definition).</summary>
public sealed class GeneratedDefinitionTests : IDisposable
{
    private readonly TempFiles _files = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();

    private Task<int> RunAsync(params string[] args) =>
        AsphaltCommandLine.RunAsync(args, GeneratedApp.Definition with
        {
            ConfigureOptions = options =>
            {
                options.HandleStopSignals = false;
                options.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
            },
        }, new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string>() });

    [Fact]
    public async Task Run_check_and_graph_work_on_the_generated_definition()
    {
        var file = _files.Write("app.yaml", "component:\n  exitCode: 7\n  components:\n    greeter:\n      text: from the file\n");

        Assert.Equal(7, await RunAsync("run", "-c", file));
        Assert.Equal(0, await RunAsync("check", "-c", file, "--set", "component.exitCode=0"));
        Assert.Equal(0, await RunAsync("graph", "--declared"));
        Assert.Equal(0, await RunAsync("graph", "-c", file, "-f", "json"));

        Assert.Equal("from the file\n", GeneratedApp.Output.ToString().ReplaceLineEndings("\n"));
        Assert.Contains("Configuration OK: 2 components (app, app/greeter), 1 resources.", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("flowchart", _output.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"provider\": \"app/greeter\"", _output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_binding_errors_are_located_in_the_file()
    {
        var file = _files.Write("bad.yaml", "component:\n  exitCode: seven\n  components:\n    greeter:\n      txet: typo\n");

        Assert.Equal(1, await RunAsync("check", "-c", file));

        var error = _error.ToString();
        Assert.True(error.Contains($"{file}:2:3: component.exitCode:", StringComparison.Ordinal), error);
        Assert.Contains($"{file}:5:7: component.components.greeter.txet:", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("component:\n  components:\n    greeter:\n      type: [othergreeter]\n", "'type' must name a component type alias, not a list")]
    [InlineData("component:\n  components:\n    greeter:\n      type: {alias: othergreeter}\n", "'type' must name a component type alias, not a mapping")]
    [InlineData("component:\n  components:\n    greeter: [a, b]\n", "not a list")]
    public async Task A_badly_shaped_child_is_one_error_without_a_follow_on_error_for_the_resource_it_would_publish(string yaml, string expected)
    {
        // Found by a docs-only test: the build said one thing, check and run two (the root takes the greeter's resource).
        var file = _files.Write("shape.yaml", yaml);

        Assert.Equal(1, await RunAsync("check", "-c", file));

        var error = _error.ToString();
        Assert.Contains("The configuration has 1 error", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain("no component in the configured tree publishes", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("generatedGreeter")]
    [InlineData("nosuch")]
    public void Create_with_a_section_naming_another_type_is_an_error_not_ignored(string type)
    {
        // Found by a docs-only test: App.Create(section) built an App whatever 'type:' said, even a typo.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:type"] = type })
            .Build();

        var error = Assert.Throws<ConfigurationBindingException>(() => GeneratedApp.Create(configuration.GetSection("App")));

        Assert.Equal("App:type", error.Path);
        Assert.Equal($"Configuration key 'App:type' names component type '{type}', but GeneratedApp.Create always creates GeneratedApp ('generatedApp'): remove the key, or let the command line choose the root's type (component.type).", error.Message);
    }

    [Fact]
    public void Create_with_a_host_configuration_holding_a_list_under_components_is_the_shape_error_not_children_0_and_1()
    {
        // Found by review: appsettings.json's "components": [ {...} ] became children named 0, 1 … in generated
        // Create, while the command line and the build reject a list there.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:components:0:type"] = "generatedGreeter", ["App:components:1:type"] = "generatedGreeter" })
            .Build();

        var error = Assert.Throws<ConfigurationBindingException>(() => GeneratedApp.Create(configuration.GetSection("App")));

        Assert.Contains("'components' must be a mapping of child aliases to their configuration, not a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_a_section_naming_its_own_type_builds_it()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["App:type"] = "generatedApp", ["App:exitCode"] = "3" })
            .Build();

        var app = GeneratedApp.Create(configuration.GetSection("App"));

        Assert.Equal(["greeter"], app.Children.Select(c => c.Alias));
    }

    [Fact]
    public async Task A_list_given_for_a_dictionary_option_is_an_error_not_keys_0_and_1()
    {
        var list = _files.Write("list.yaml", "component:\n  components:\n    greeter:\n      labels: [a, b]\n");
        var numbered = _files.Write("numbered.yaml", "component:\n  components:\n    greeter:\n      labels: {0: a, 1: b}\n");

        Assert.Equal(1, await RunAsync("run", "-c", list));
        Assert.Equal(0, await RunAsync("check", "-c", numbered));

        Assert.Contains(
            $"{list}:4:7: component.components.greeter.labels: Configuration key 'labels' is a list, not a mapping (Dictionary<string, string>); write 'key: value' pairs.",
            _error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _files.Dispose();
        _output.Dispose();
        _error.Dispose();
    }
}
