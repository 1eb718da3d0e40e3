using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests;

public sealed class ComponentGeneratorTests
{
    [Fact]
    public async Task App_generates_expected_sources()
    {
        var program = await GeneratorHarness.AnalyzeAsync(TestSources.App);
        program.AssertClean();
        Snapshot.Verify("App", program.Generated.Sources);
    }

    [Fact]
    public async Task App_runs_in_dependency_order_injects_instances_and_tears_down_in_reverse()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(TestSources.App);
        var lines = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "RunAsync");

        // Clock and store are siblings that start concurrently: the model orders each of them before
        // web (which takes both), not one before the other.
        Assert.Equal(["start clock", "start store"], lines[1..3].Order(StringComparer.Ordinal));

        // The store web was given is the one instance in the context (ids count up per instance),
        // and the root saw the very clock the clock component published.
        Assert.Equal("prepare app", lines[0]);
        Assert.Equal(
            [
                "start web with store 42 at noon, greeting none",
                "start app",
                "tick 1",
                "running with store 42, clock True",
                "teardown web",
                "dispose store",
            ],
            lines[3..]);
    }

    [Fact]
    public async Task Run_to_exit_root_gets_its_resources_and_returns_the_exit_code()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Asphalt;
            namespace Cli;
            public sealed record Answer(int Value);
            [Component] public sealed partial class Oracle { [Resource] public Answer Answer { get; } = new(42); }
            [Component, ChildComponent<Oracle>("oracle")]
            public sealed partial class Tool : CliApplicationComponent
            {
                public async Task<int> RunAsync(Answer answer, CancellationToken cancellationToken)
                {
                    await Task.Yield();
                    return answer.Value / 14;
                }
            }
            public static class Scenario
            {
                public static Task<int> RunAsync() => Application.RunAsync(Tool.Create(), new ApplicationOptions
                {
                    HandleStopSignals = false,
                    LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
                });
            }
            """);
        Assert.Equal(3, await GeneratorHarness.InvokeAsync<int>(assembly, "Cli.Scenario", "RunAsync"));
    }

    [Theory]
    [InlineData("Returned", "its return value of StartAsync, which declares the resource Answer 'default'")]
    [InlineData("Property", "its property Answer, which declares the resource Answer 'kept'")]
    public async Task A_null_resource_fails_the_start_naming_the_component_and_the_declaration(string component, string declaration)
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System.Threading;
            using System.Threading.Tasks;
            using Asphalt;
            namespace Cli;
            public sealed record Answer(int Value);
            [Component] public sealed partial class Returned { [return: Resource] public Answer StartAsync() => null!; }
            [Component] public sealed partial class Property { [Resource("kept")] public Answer Answer => null!; }
            public static class Scenario
            {
                public static async Task<string> RunAsync(string which)
                {
                    var context = new Context();
                    Component component = which == "Returned" ? Returned.Create() : Property.Create();
                    var error = await Assert.ThrowsAsync(() => context.StartComponentAsync(component, rootAlias: "app"));
                    return error.ToString();
                }
            }
            internal static class Assert
            {
                public static async Task<System.Exception> ThrowsAsync(System.Func<Task> run)
                {
                    try { await run(); }
                    catch (System.Exception error) { return error; }
                    throw new System.InvalidOperationException("no exception");
                }
            }
            """);

        var error = await GeneratorHarness.InvokeAsync<string>(assembly, "Cli.Scenario", "RunAsync", component);

        Assert.Contains($"Component 'app' ({component}) has null in {declaration}.", error);
    }

    [Theory]
    [InlineData(null, "hello")]
    [InlineData("backup", "bonjour")]
    public async Task A_resource_name_can_come_from_an_option(string? source, string expected)
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Asphalt;
            using Microsoft.Extensions.Configuration;
            namespace Named;
            public sealed record Greeting(string Text);
            public sealed class GreeterOptions { public string Text { get; set; } = "hello"; }
            [Component("greeter")]
            public sealed partial class GreeterComponent(GreeterOptions options) { [return: Resource] public Greeting StartAsync() => new(options.Text); }
            public sealed class AppOptions { public string Source { get; set; } = ""; }
            [Component("app"), ChildComponent<GreeterComponent>("greeter")]
            public sealed partial class App(AppOptions options) : CliApplicationComponent
            {
                public static string? Seen;
                public AppOptions Options => options;
                public int RunAsync([Resource(NameOption = nameof(AppOptions.Source))] Greeting greeting)
                {
                    Seen = greeting.Text;
                    return 0;
                }
            }
            public static class Scenario
            {
                // Through the command line, which builds configured trees with 'alias/resourceName' children.
                public static async Task<string?> RunAsync(string? source)
                {
                    var file = System.IO.Path.Combine(System.IO.Path.GetTempPath(), System.Guid.NewGuid().ToString("N") + ".json");
                    var sourceLine = source is null ? "" : "\"source\": \"" + source + "\", ";
                    await System.IO.File.WriteAllTextAsync(file, "{ \"component\": { " + sourceLine + "\"components\": { \"greeter/backup\": { \"text\": \"bonjour\" } } } }");
                    try
                    {
                        var definition = App.Definition with
                        {
                            ConfigureOptions = o =>
                            {
                                o.HandleStopSignals = false;
                                o.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
                            },
                        };
                        var error = new System.IO.StringWriter();
                        var code = await Asphalt.CommandLine.AsphaltCommandLine.RunAsync(["run", "-c", file], definition,
                            new Asphalt.CommandLine.CommandLineSettings { Output = System.IO.TextWriter.Null, Error = error, Environment = new Dictionary<string, string>() });
                        return code == 0 ? App.Seen : "exit " + code + ": " + error;
                    }
                    finally
                    {
                        System.IO.File.Delete(file);
                    }
                }
            }
            """);

        Assert.Equal(expected, await GeneratorHarness.InvokeAsync<string?>(assembly, "Named.Scenario", "RunAsync", source));
    }

    [Fact]
    public async Task NameOption_must_name_a_string_property_of_the_options()
    {
        var program = await GeneratorHarness.AnalyzeAsync("""
            using Asphalt;
            namespace Named;
            public sealed record Greeting(string Text);
            public sealed class AppOptions { public int Count { get; set; } }
            [Component("app")]
            public sealed partial class App(AppOptions options)
            {
                public AppOptions Options => options;
                public void StartAsync([Resource(NameOption = nameof(AppOptions.Count))] Greeting greeting) { }
            }
            """);

        var diagnostic = Assert.Single(program.Wiring, d => d.Id == "ASPH0007");
        Assert.Contains("NameOption 'Count' of parameter 'greeting' is not a settable string property", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
