using System.Reflection;
using Asphalt.Configuration;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>
/// The configured tree is built three ways — generated <c>Create</c>, the command line's
/// <see cref="ComponentTree"/>, the build-time checker (AdditionalFiles) — by one shared builder, so the
/// same input gives the same tree or the same errors on every path.
/// </summary>
public sealed class ConfiguredTreeAgreementTests
{
    private const string Components = """
        using Asphalt;
        namespace Agree;
        public sealed record Store(string Name);
        public sealed class ServerOptions { public int Port { get; set; } }
        [Component("server")]
        public sealed partial class ServerComponent(ServerOptions options)
        {
            [return: Resource] public Store StartAsync() => new("port " + options.Port);
        }
        [Component("client")]
        public sealed partial class ClientComponent { public void StartAsync(Store store) { } }
        [Component("fixed")]
        public sealed partial class FixedComponent
        {
            [return: Resource("fixed")] public Store StartAsync() => new("fixed");
        }
        [Component("app")]
        [ChildComponent<ServerComponent>("server")]
        public sealed partial class App : CliApplicationComponent { public int RunAsync(Store store) => 0; }
        """;

    private static readonly Lazy<Task<Assembly>> Built = new(() => GeneratorHarness.BuildAndLoadAsync(Components));

    /// <summary>A case: the file's <c>component:</c> section, and the tree or the message every path must give.</summary>
    public static TheoryData<string, string, string[], string?> Cases => new()
    {
        // name, yaml, expected tree (component paths), expected message (null: valid)
        { "a bare alias is its own type", "component:\n  components:\n    client:\n", ["app", "app/server", "app/client"], null },
        { "alias/name runs a second instance", "component:\n  components:\n    server/backup:\n      port: 2\n", ["app", "app/server", "app/server_backup"], null },
        { "an explicit type", "component:\n  components:\n    extra:\n      type: client\n", ["app", "app/server", "app/extra"], null },
        { "an unknown type", "component:\n  components:\n    extra:\n      type: nosuch\n", [], "unknown component type 'nosuch': registered types are app, client, fixed, server; set 'type:' to one of them" },
        { "an unknown type on a child declared in code", "component:\n  components:\n    server:\n      type: sever\n", [], "unknown component type 'sever' (did you mean 'server'?): registered types are app, client, fixed, server; set 'type:' to one of them" },
        { "a child alias typo", "component:\n  components:\n    sever:\n      port: 1\n", [], "unknown component type 'sever' (did you mean 'server'?): registered types are app, client, fixed, server; set 'type:' to one of them" },
        { "an alias that is not an identifier", "component:\n  components:\n    bad-name:\n", [], "'bad-name' is not a valid child alias: use an identifier (letters, digits, '_'), or 'alias/resourceName' to publish a second instance's resources under another name" },
        { "a child that is a scalar", "component:\n  components:\n    client: 5\n", [], "a component's configuration must be a mapping of options or empty, not '5'" },
        { "an empty string is a child with all defaults", "component:\n  components:\n    client: \"\"\n", ["app", "app/server", "app/client"], null },
        { "an empty string binds a child's default options", "component:\n  components:\n    server/backup: ''\n", ["app", "app/server", "app/server_backup"], null },
        { "an empty type is no type", "component:\n  components:\n    client:\n      type: \"\"\n", ["app", "app/server", "app/client"], null },
        { "a child that is a list", "component:\n  components:\n    client:\n      - 5\n", [], "a component's configuration must be a mapping of options or empty, not a list" },
        { "components given as a list", "component:\n  components:\n    - client\n", [], "'components' must be a mapping of child aliases to their configuration, not a list" },
        { "type given as a mapping", "component:\n  components:\n    extra:\n      type: {alias: client}\n", [], "'type' must name a component type alias, not a mapping" },
        { "type given as a list", "component:\n  components:\n    extra:\n      type: [client]\n", [], "'type' must name a component type alias, not a list" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Generated_Create_the_command_line_and_the_build_agree(string name, string yaml, string[] tree, string? message)
    {
        var assembly = await Built.Value;

        // 1. The build-time checker.
        var program = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", yaml)], Components);
        var builtDiagnostics = program.Wiring.Where(d => d.Location.GetLineSpan().Path == "app.yaml").ToList();
        var built = builtDiagnostics.Select(d => d.GetMessage()).ToList();

        // 2. The command line's builder, on the generated registry.
        var path = Path.Combine(Path.GetTempPath(), $"asphalt-agree-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        LoadedConfiguration loaded;
        try
        {
            var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
            loader.Files.Add(path);
            loaded = loader.Load();
        }
        finally
        {
            File.Delete(path);
        }

        var types = (ComponentTypes)assembly.GetType("Asphalt.Generated.ComponentRegistry", throwOnError: true)!
            .GetMethod("CreateTypes")!.Invoke(null, null)!;
        var commandLineErrors = ComponentTree.Check(loaded, types, "app");
        var commandLine = commandLineErrors.Select(e => $"{e.KeyPath}: {e.Message}").ToList();

        // 3. Generated Create.
        Component? created = null;
        string? createError = null;
        try
        {
            created = (Component)assembly.GetType("Agree.App", throwOnError: true)!
                .GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [loaded.Component])!;
        }
        catch (TargetInvocationException failure)
        {
            createError = failure.InnerException!.Message;
        }

        if (message is null)
        {
            Assert.True(built.Count == 0, name + ": " + string.Join("\n", built));
            Assert.True(commandLine.Count == 0, name + ": " + string.Join("\n", commandLine));
            Assert.True(createError is null, name + ": " + createError);
            Assert.Equal(tree, Paths(created!, "app"));
            Assert.Equal(tree, ComponentTree.Plan(loaded, types, "app").Components.Select(c => c.Path));
        }
        else
        {
            Assert.Contains(built, m => m.EndsWith(message, StringComparison.Ordinal));
            Assert.Contains(commandLine, m => m.EndsWith(message, StringComparison.Ordinal));
            Assert.True(createError is not null && createError.Contains(message, StringComparison.Ordinal), name + ": " + createError);

            // One message each, located identically: the key path and line the build reports are the command line's.
            Assert.True(built.Count == 1, name + ": " + string.Join("\n", built));
            Assert.True(commandLine.Count == 1, name + ": " + string.Join("\n", commandLine));
            Assert.Contains(commandLine[0], built[0], StringComparison.Ordinal);
            Assert.Equal(builtDiagnostics[0].Location.GetLineSpan().StartLinePosition.Line + 1, commandLineErrors[0].Location.Line);
        }
    }

    [Theory]
    [InlineData("component:\n  components:\n    greeter:\n      type: loud\n", "Retype.LoudGreeter")]
    [InlineData("component:\n  components:\n    greeter:\n      greeting: Hi\n", "Retype.Greeter")]
    public async Task Type_on_a_child_declared_in_code_replaces_its_type_in_generated_Create_as_on_the_command_line(string yaml, string expectedType)
    {
        // Found twice (review, docs-only cases): the command line honoured it and generated Create ignored it.
        const string sources = """
            using Asphalt;
            namespace Retype;
            public interface IGreeter { string Greet(string name); }
            public sealed class GreeterOptions { public string Greeting { get; set; } = "Hello"; }
            [Component("greeter")]
            public sealed partial class Greeter(GreeterOptions options)
            {
                [return: Resource(PublishAs = typeof(IGreeter))] public Plain StartAsync() => new(options.Greeting);
            }
            [Component("loud")]
            public sealed partial class LoudGreeter
            {
                [return: Resource(PublishAs = typeof(IGreeter))] public Plain StartAsync() => new("HELLO");
            }
            public sealed record Plain(string Greeting) : IGreeter { public string Greet(string name) => $"{Greeting}, {name}!"; }
            [Component("app")]
            [ChildComponent<Greeter>("greeter")]
            public sealed partial class App : CliApplicationComponent { public int RunAsync(IGreeter greeter) => 0; }
            """;
        var assembly = await GeneratorHarness.BuildAndLoadAsync(sources);
        var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
        var path = Path.Combine(Path.GetTempPath(), $"asphalt-retype-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        LoadedConfiguration loaded;
        try
        {
            loader.Files.Add(path);
            loaded = loader.Load();
        }
        finally
        {
            File.Delete(path);
        }

        var created = (Component)assembly.GetType("Retype.App", throwOnError: true)!.GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [loaded.Component])!;
        var types = (ComponentTypes)assembly.GetType("Asphalt.Generated.ComponentRegistry", throwOnError: true)!.GetMethod("CreateTypes")!.Invoke(null, null)!;
        var commandLine = ComponentTree.Plan(loaded, types, "app").Components.Single(c => c.Path == "app/greeter").Type;

        Assert.Equal(expectedType, Assert.Single(created.Children).Component.GetType().FullName);
        Assert.Equal(expectedType, commandLine);
    }

    [Fact]
    public async Task A_resource_published_twice_is_one_message_on_the_command_line_and_in_the_build()
    {
        const string yaml = "component:\n  components:\n    second:\n      type: server\n";
        var assembly = await Built.Value;
        var program = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", yaml)], Components);
        var built = program.Wiring.Where(d => d.Id == "ASPH0016").Select(d => d.GetMessage()).Single();

        var types = (ComponentTypes)assembly.GetType("Asphalt.Generated.ComponentRegistry", throwOnError: true)!
            .GetMethod("CreateTypes")!.Invoke(null, null)!;
        var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
        loader.Overrides.Add("component.components.second.type=server");
        var commandLine = ComponentTree.Check(loader.Load(), types, "app").Single().Message;

        Assert.Equal(built, commandLine);
        Assert.Contains("'app/server' and 'app/second'", built, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("component:\n  components:\n    second:\n      type: server\n")]
    [InlineData("component:\n  components:\n    one:\n      type: fixed\n    two:\n      type: fixed\n")]
    public async Task Following_the_advice_for_a_resource_published_twice_fixes_the_build_and_the_run(string yaml)
    {
        var assembly = await Built.Value;
        var conflict = (await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", yaml)], Components)).Wiring.Single(d => d.Id == "ASPH0016").GetMessage();

        // Do what the message says, as a user would.
        var rename = System.Text.RegularExpressions.Regex.Match(conflict, "configure one of them as '(\\w+)/otherName'");
        string fixedYaml;
        if (rename.Success)
        {
            fixedYaml = yaml.Replace($"    {rename.Groups[1].Value}:\n", $"    {rename.Groups[1].Value}/other:\n", StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("remove one of the two components", conflict, StringComparison.Ordinal);
            var second = System.Text.RegularExpressions.Regex.Match(conflict, "and 'app/(\\w+)'").Groups[1].Value;
            fixedYaml = yaml.Replace($"    {second}:\n      type: fixed\n", string.Empty, StringComparison.Ordinal);
        }

        Assert.NotEqual(yaml, fixedYaml);
        var rebuilt = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", fixedYaml)], Components);
        Assert.Empty(rebuilt.Wiring.Select(d => d.ToString()));

        var loaded = Load(fixedYaml);
        var types = Types(assembly);
        Assert.Empty(ComponentTree.Check(loaded, types, "app").Select(e => e.ToString()));
        var root = ComponentTree.Build(loaded, types, "app");
        var context = new Context();
        try
        {
            await context.StartComponentAsync(root, TimeSpan.FromSeconds(30));
        }
        finally
        {
            await context.CloseAsync();
        }
    }

    [Fact]
    public async Task An_option_key_typo_at_run_time_gets_the_builds_did_you_mean()
    {
        var assembly = await Built.Value;
        var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
        loader.Overrides.Add("component.components.server.prot=1");
        var loaded = loader.Load();

        var commandLine = ComponentTree.Check(loaded, Types(assembly), "app").Single().Message;
        Assert.Contains("(did you mean 'port'?)", commandLine, StringComparison.OrdinalIgnoreCase);

        var created = Assert.Throws<TargetInvocationException>(() => assembly.GetType("Agree.App", throwOnError: true)!.GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [loaded.Component]));
        Assert.Contains("(did you mean 'port'?)", created.InnerException!.Message, StringComparison.OrdinalIgnoreCase);

        var build = (await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", "component:\n  components:\n    server:\n      prot: 1\n")], Components))
            .Wiring.Single(d => d.Id == "ASPH0013").GetMessage();
        Assert.Contains("(did you mean 'port'?)", build, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Create_without_arguments_builds_what_Create_of_null_builds()
    {
        // Create() is written separately so a NativeAOT app without configuration does not link the tree builder.
        var app = (await Built.Value).GetType("Agree.App", throwOnError: true)!;
        var plain = (Component)app.GetMethod("Create", Type.EmptyTypes)!.Invoke(null, null)!;
        var ofNull = (Component)app.GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [null])!;

        Assert.Equal(Paths(ofNull, "app"), Paths(plain, "app"));
        Assert.Equal(ofNull.Children.Select(c => c.Component.GetType()), plain.Children.Select(c => c.Component.GetType()));
    }

    private static ComponentTypes Types(Assembly assembly) =>
        (ComponentTypes)assembly.GetType("Asphalt.Generated.ComponentRegistry", throwOnError: true)!.GetMethod("CreateTypes")!.Invoke(null, null)!;

    private static LoadedConfiguration Load(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"asphalt-agree-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
            loader.Files.Add(path);
            return loader.Load();
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static List<string> Paths(Component component, string path)
    {
        var paths = new List<string> { path };
        foreach (var child in component.Children)
        {
            paths.AddRange(Paths(child.Component, path + "/" + child.Alias));
        }

        return paths;
    }
}
