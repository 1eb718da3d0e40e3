namespace Asphalt.Configuration.Tests;

public sealed class ComponentTreeTests : IDisposable
{
    private readonly TempFiles _files = new();

    private LoadedConfiguration Load(string yaml) =>
        new ConfigurationLoader { Files = { _files.Write("app.yaml", yaml) }, Environment = new Dictionary<string, string>() }.Load();

    private static async Task<string> RunAsync(LoadedConfiguration configuration)
    {
        var output = new StringWriter();
        var root = ComponentTree.Build(configuration, TestApplication.Types(output), "app");
        var code = await Application.RunAsync(root, new ApplicationOptions
        {
            HandleStopSignals = false,
            LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
        });
        Assert.Equal(0, code);
        return output.ToString();
    }

    [Fact]
    public async Task Configuration_reaches_the_children_declared_in_code()
    {
        var output = await RunAsync(Load("component:\n  components:\n    greeter:\n      greeting: Hello\n      shout: true\n"));

        Assert.Equal("HELLO (from app/greeter)\n", output.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Configuration_adds_children_and_replaces_a_declared_childs_type()
    {
        var root = ComponentTree.Build(Load("""
            component:
              components:
                greeter:
                  type: greeter
                  greeting: hi
                  components:
                    helper:
                      type: idle
                idle:                 # no type: the alias is the type
            """), TestApplication.Types(), "app");

        Assert.Equal(["greeter", "idle"], root.Children.Select(c => c.Alias));
        Assert.IsType<IdleComponent>(root.Children[1].Component);
        var helper = Assert.Single(root.Children[0].Component.Children);
        Assert.Equal("helper", helper.Alias);
        Assert.IsType<IdleComponent>(helper.Component);

        var replaced = ComponentTree.Build(Load("component:\n  greeter: {greeting: x}\n  components:\n    greeter:\n      type: idle\n"), TestApplication.Types(), "app");
        Assert.IsType<IdleComponent>(Assert.Single(replaced.Children).Component);
    }

    [Fact]
    public async Task The_alias_slash_resource_name_shortcut_runs_a_second_instance_under_another_name()
    {
        var configuration = Load("""
            component:
              greeter: backup           # the app takes the Greeting named 'backup'
              components:
                greeter:
                  greeting: primary
                greeter/backup:
                  greeting: second instance
            """);

        var output = await RunAsync(configuration);

        Assert.Equal("second instance (from app/greeter_backup)\n", output.ReplaceLineEndings("\n"));
        var plan = ComponentTree.Plan(configuration, TestApplication.Types(), "app");
        Assert.Equal(["Tests.Greeting 'backup'", "Tests.Greeting 'default'"], plan.Resources.Select(r => $"{r.Type} '{r.Name}'"));
        Assert.Equal("app/greeter_backup", plan.Resources[0].Provider);
        Assert.Equal(["app"], plan.Resources[0].Consumers);
    }

    [Fact]
    public void The_root_type_can_come_from_configuration()
    {
        var root = ComponentTree.Build(Load("component:\n  type: idle\n"), TestApplication.Types(), "app");

        Assert.IsType<IdleComponent>(root);
    }

    [Fact]
    public void Every_problem_in_the_tree_is_reported_at_once_with_file_line_and_key()
    {
        var configuration = Load("""
            component:
              exitCode: lots
              components:
                greeter:
                  greeting: hi
                  volume: 11
                mystery:
                  type: Greeter
                bad-alias:
                  type: idle
                scalar: 5
            """);

        var error = Assert.Throws<ConfigurationException>(() => ComponentTree.Build(configuration, TestApplication.Types(), "app"));

        var file = _files.Directory + "/app.yaml";
        Assert.Equal(
        [
            $"{file}:2:3: component.exitCode: Configuration value 'lots' is not a valid Int32.",
            $"{file}:6:7: component.components.greeter.volume: Unknown configuration key 'volume': Tests.GreeterComponent has no such option. Known keys: type, components, greeting, shout, fail.",
            $"{file}:8:7: component.components.mystery.type: unknown component type 'Greeter' (did you mean 'greeter'?): registered types are app, greeter, idle; set 'type:' to one of them",
            $"{file}:9:5: component.components.bad-alias: 'bad-alias' is not a valid child alias: use an identifier (letters, digits, '_'), or 'alias/resourceName' to publish a second instance's resources under another name",
            $"{file}:11:5: component.components.scalar: a component's configuration must be a mapping of options or empty, not '5'",
        ], error.Errors.Select(e => e.ToString()));
        Assert.StartsWith("The configuration has 5 errors:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_finds_resources_nobody_publishes_and_resources_published_twice()
    {
        var configuration = Load("""
            component:
              greeter: nobody
              components:
                greeter:
                  greeting: one
                twin:
                  type: greeter
                  greeting: two
            """);

        var errors = ComponentTree.Check(configuration, TestApplication.Types(), "app");

        Assert.Collection(errors,
            e => Assert.Contains("component 'app' (Tests.GreetingApp) takes resource Tests.Greeting 'nobody', which no component in the configured tree publishes; Tests.Greeting is published as 'default'", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("resource Tests.Greeting 'default' is published by both 'app/greeter' and 'app/twin': configure one of them as 'twin/otherName'", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_rejects_unknown_top_level_keys_and_bad_runner_settings()
    {
        var errors = ComponentTree.Check(Load("""
            compnent:
              x: 1
            startTimeout: soon
            logging:
              level: Loud
            component:
              components:
                greeter: {greeting: hi}
            """), TestApplication.Types(), "app");

        Assert.Collection(errors,
            e => Assert.Equal((1, "compnent"), (e.Location.Line, e.KeyPath)),
            e => Assert.Equal((3, "startTimeout"), (e.Location.Line, e.KeyPath)),
            e => Assert.Equal((5, "logging.level"), (e.Location.Line, e.KeyPath)));
    }

    [Fact]
    public void The_plan_orders_providers_before_consumers()
    {
        var plan = ComponentTree.Plan(Load("component:\n  components:\n    greeter: {greeting: hi}\n    idle:\n"), TestApplication.Types(), "app");

        Assert.Equal([["app/greeter", "app/idle"], ["app"]], plan.StartStages.Select(s => s.ToArray()));
        Assert.Contains("%% 1. app/greeter, app/idle", plan.Mermaid, StringComparison.Ordinal);
        Assert.Contains("\"app/greeter\" -> \"r0\";", plan.Dot, StringComparison.Ordinal);
    }

    public void Dispose() => _files.Dispose();
}
