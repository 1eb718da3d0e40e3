using Asphalt.CommandLine;

namespace Asphalt.Configuration.Tests;

/// <summary>
/// A definition's component types and declared plan are made only by the commands that use them
/// (<see cref="ApplicationDefinition.CreateComponentTypes"/>, <see cref="ApplicationDefinition.CreateDeclaredPlan"/>,
/// which the generated definition sets): <c>--help</c> and a usage error make neither, <c>check</c> makes the
/// types once, <c>graph --declared</c> only the plan.
/// </summary>
public sealed class DefinitionOnDemandTests : IDisposable
{
    private static readonly WiringPlan Declared = new(
        "Tests.GreetingApp", [new WiringComponent("app", "Tests.GreetingApp")], [], [["app"]], "flowchart LR\n  declared\n", "digraph {}\n");

    private readonly TempFiles _files = new();
    private readonly StringWriter _app = new();
    private readonly StringWriter _output = new();
    private readonly StringWriter _error = new();
    private int _typesMade;
    private int _plansMade;

    private Task<int> RunAsync(params string[] args) =>
        AsphaltCommandLine.RunAsync(args, TestApplication.Definition(_app) with
        {
            CreateComponentTypes = () =>
            {
                _typesMade++;
                return TestApplication.Types(_app);
            },
            CreateDeclaredPlan = () =>
            {
                _plansMade++;
                return Declared;
            },
        }, new CommandLineSettings { Output = _output, Error = _error, Environment = new Dictionary<string, string>() });

    [Fact]
    public async Task Help_makes_neither_the_component_types_nor_the_plan()
    {
        Assert.Equal(0, await RunAsync("--help"));
        Assert.Equal(0, await RunAsync("check", "--help"));

        Assert.Contains("check", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal((0, 0), (_typesMade, _plansMade));
    }

    [Fact]
    public async Task A_command_line_that_does_not_parse_makes_neither()
    {
        Assert.Equal(AsphaltCommandLine.ExitUsage, await RunAsync("chekc"));

        Assert.Equal((0, 0), (_typesMade, _plansMade));
    }

    [Fact]
    public async Task Check_makes_the_component_types_once_and_no_declared_plan()
    {
        var file = _files.Write("app.yaml", "component:\n  components:\n    greeter:\n      greeting: Hi\n");

        Assert.Equal(0, await RunAsync("check", "-c", file));

        Assert.StartsWith("Configuration OK: 2 components (app, app/greeter), 1 resources.", _output.ToString(), StringComparison.Ordinal);
        Assert.Equal((1, 0), (_typesMade, _plansMade));
    }

    [Fact]
    public async Task Graph_declared_makes_only_the_plan_and_prints_it()
    {
        Assert.Equal(0, await RunAsync("graph", "--declared"));

        Assert.Equal(Declared.Mermaid, _output.ToString());
        Assert.Equal((0, 1), (_typesMade, _plansMade));
    }

    public void Dispose()
    {
        _files.Dispose();
        _app.Dispose();
        _output.Dispose();
        _error.Dispose();
    }
}
