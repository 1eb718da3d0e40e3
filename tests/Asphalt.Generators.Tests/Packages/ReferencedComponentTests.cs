using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Packages;

/// <summary>
/// Components compiled into another assembly (a component package) are read from its metadata and
/// treated like the application's own: wiring checks, configuration-file checks and the registry.
/// </summary>
public sealed class ReferencedComponentTests
{
    /// <summary>A component package as a third party writes it: built on its own, referenced as metadata.</summary>
    internal const string KvLibrary = """
        using System.ComponentModel.DataAnnotations;
        using Asphalt;
        namespace KvLib;
        public sealed class KvStore(string prefix) { public string Get(string key) => prefix + ":" + key; }
        public sealed class KvStoreOptions
        {
            public string Prefix { get; set; } = "kv";
            [Range(1, 100)] public int Size { get; set; } = 10;
        }
        [Component("kvstore")]
        public sealed partial class KvStoreComponent(KvStoreOptions options)
        {
            [return: Resource]
            public KvStore StartAsync() => new(options.Prefix);
        }
        """;

    private static readonly Lazy<Task<ComponentLibrary>> Kv = new(() => GeneratorHarness.BuildLibraryAsync("KvLib", KvLibrary));

    private const string ReproApp = """
        using Asphalt;
        using KvLib;
        namespace App;
        [Component]
        [ChildComponent<KvStoreComponent>("store")]
        public sealed partial class App : CliApplicationComponent
        {
            public int RunAsync(KvStore store, [Resource("other")] KvStore missing) => 0;
        }
        """;

    private static async Task<GeneratedProgram> AnalyzeAppAsync(ComponentLibrary library, IEnumerable<ConfigurationFile> files, params string[] sources) =>
        await GeneratorHarness.AnalyzeAsync(GeneratorHarness.Compile("TestApp", [library.Reference], sources), files);

    [Fact]
    public async Task A_resource_nobody_provides_across_the_assembly_boundary_is_ASPH0001_at_the_parameter()
    {
        var program = await AnalyzeAppAsync(await Kv.Value, [], ReproApp);

        Assert.Empty(program.CompilerErrors);
        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0001", diagnostic.Id);
        var located = diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
        Assert.Equal("missing", located);
        Assert.Equal(8, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("takes resource KvStore 'other' in parameter 'missing' of RunAsync", message);
        Assert.Contains("did you mean 'default' (from 'app/store')?", message);
    }

    [Fact]
    public async Task The_valid_twin_builds_and_runs_with_the_referenced_child()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync([await Kv.Value], """
            using System.Threading.Tasks;
            using Asphalt;
            using KvLib;
            namespace App;
            [Component]
            [ChildComponent<KvStoreComponent>("store")]
            public sealed partial class App : CliApplicationComponent
            {
                public int RunAsync(KvStore store) => store.Get("key") == "from-config:key" ? 7 : 1;
            }
            public static class Scenario
            {
                public static Task<int> RunAsync()
                {
                    var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
                        new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
                        new System.Collections.Generic.Dictionary<string, string?> { ["component:components:store:prefix"] = "from-config" }).Build();
                    return Application.RunAsync(App.Create(configuration.GetSection("component")), new ApplicationOptions
                    {
                        HandleStopSignals = false,
                        LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
                    });
                }
            }
            """);

        Assert.Equal(7, await GeneratorHarness.InvokeAsync<int>(assembly, "App.Scenario", "RunAsync"));
    }

    /// <summary>A package component taking reloadable options: its manifest carries them (format version 4).</summary>
    private const string ReloadingLibrary = """
        using System.ComponentModel.DataAnnotations;
        using Asphalt;
        namespace ReloadLib;
        public sealed class PollOptions { [Range(1, 60)] public int Seconds { get; set; } = 5; }
        [Component("poller")]
        public sealed partial class PollerComponent(Reloadable<PollOptions> options)
        {
            public int Seconds => options.Current.Seconds;
        }
        """;

    [Fact]
    public async Task A_package_component_with_reloadable_options_is_checked_and_created_like_a_local_one()
    {
        var library = await GeneratorHarness.BuildLibraryAsync("ReloadLib", ReloadingLibrary);
        const string App = """
            using System.Threading.Tasks;
            using Asphalt;
            using ReloadLib;
            namespace App;
            [Component]
            [ChildComponent<PollerComponent>("poller")]
            public sealed partial class App
            {
                public static Task<int> SecondsAsync()
                {
                    var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
                        new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
                        new System.Collections.Generic.Dictionary<string, string?> { ["component:components:poller:seconds"] = "42" }).Build();
                    var poller = (PollerComponent)App.Create(configuration.GetSection("component")).Children[0].Component;
                    return Task.FromResult(poller.Seconds);
                }
            }
            """;
        var program = await AnalyzeAppAsync(library, [new ConfigurationFile("/app/config.yaml", "component:\n  components:\n    poller:\n      seconds: 61\n")], App);
        var diagnostic = Assert.Single(program.Wiring, d => d.Location.Kind == LocationKind.ExternalFile);
        Assert.Equal("ASPH0014", diagnostic.Id); // [Range] of the package's options, checked in the application's file.

        var assembly = await GeneratorHarness.BuildAndLoadAsync([library], App);
        Assert.Equal(42, await GeneratorHarness.InvokeAsync<int>(assembly, "App.App", "SecondsAsync"));
    }

    /// <summary>A package component whose endpoint handler takes a resource (<c>[FromResource]</c> is an alias of <c>[FromKeyedServices]</c>).</summary>
    private const string ReportsLibrary = """
        using Asphalt;
        using Microsoft.Extensions.DependencyInjection;
        namespace ReportsLib;
        public sealed class Archive { }
        [Component("reports")]
        public sealed partial class ReportsComponent
        {
            public static int CountHandler([FromKeyedServices("archive")] Archive archive) => 1;
        }
        """;

    [Theory]
    [InlineData("")]
    [InlineData("[Resource(\"archive\")] public ReportsLib.Archive Archive { get; } = new();")]
    public async Task An_endpoint_handler_s_resource_in_a_package_component_is_checked_in_the_application(string publication)
    {
        // The manifest carries what a package component's handlers take, so the application's tree
        // is checked for it, as for one of its own components.
        var dependencyInjection = MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute).Assembly.Location);
        var library = await GeneratorHarness.BuildLibraryAsync("ReportsLib", [dependencyInjection], ReportsLibrary);
        var program = await AnalyzeAppAsync(library, [], """
            using Asphalt;
            using ReportsLib;
            namespace App;
            [Component]
            [ChildComponent<ReportsComponent>("reports")]
            public sealed partial class App : CliApplicationComponent
            {
                PUBLICATION
                public int RunAsync() => 0;
            }
            """.Replace("PUBLICATION", publication));

        Assert.Empty(program.CompilerErrors);
        if (publication.Length > 0)
        {
            Assert.Empty(program.Wiring);
            return;
        }

        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0001", diagnostic.Id);
        Assert.Contains("[ChildComponent<ReportsComponent>(\"reports\")]", diagnostic.Location.SourceTree!.GetText().Lines[diagnostic.Location.GetLineSpan().StartLinePosition.Line].ToString());
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'app/reports'", message);
        Assert.Contains("Archive 'archive'", message);
        Assert.Contains("parameter 'archive' of an endpoint handler", message);
    }

    [Fact]
    public async Task A_referenced_child_s_resources_are_in_its_parent_s_catalog_so_a_host_registers_them()
    {
        // Found by review: the catalog skipped children from packages, so AddAsphalt<App> registered no
        // keyed service for what they publish and [FromKeyedServices] failed at run time.
        var assembly = await GeneratorHarness.BuildAndLoadAsync([await Kv.Value], """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Asphalt;
            using KvLib;
            namespace App;
            [Component]
            [ChildComponent<KvStoreComponent>("store")]
            public sealed partial class App
            {
                public void StartAsync(KvStore store) { }
            }
            public sealed class Collector : IResourceVisitor
            {
                public List<string> Seen { get; } = [];
                public void Visit<T>(string name) where T : notnull => Seen.Add($"{typeof(T).FullName} '{name}'");
            }
            public static class Scenario
            {
                public static Task<string[]> CatalogAsync()
                {
                    var collector = new Collector();
                    App.VisitResources(collector);
                    return Task.FromResult(collector.Seen.ToArray());
                }
            }
            """);

        var seen = await GeneratorHarness.InvokeAsync<string[]>(assembly, "App.Scenario", "CatalogAsync");

        Assert.Equal(["KvLib.KvStore 'default'"], seen);
    }

    [Fact]
    public async Task A_package_component_s_resource_nobody_takes_is_not_ASPH0006_but_the_application_s_own_is()
    {
        // Found when the web benchmark stopped building: every app with the web component was told that
        // nobody takes its WebServer, which the application cannot change.
        var program = await AnalyzeAppAsync(await Kv.Value, [], """
            using Asphalt;
            using KvLib;
            namespace App;
            public sealed class Spare;
            [Component]
            public sealed partial class SpareComponent { [Resource("spare")] public Spare Spare { get; } = new(); }
            [Component]
            [ChildComponent<KvStoreComponent>("store")]
            [ChildComponent<SpareComponent>("spare")]
            public sealed partial class App : CliApplicationComponent
            {
                public int RunAsync() => 0;
            }
            """);

        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0006", diagnostic.Id);
        Assert.StartsWith("Resource Spare 'spare' published by 'app/spare'", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_declared_child_s_alias_is_not_a_type_a_configured_child_may_name()
    {
        // "store" is the alias of a declared child whose type is registered as "kvstore": naming it as
        // a type is an unknown type, as the command line and the build say, not a crash.
        var assembly = await GeneratorHarness.BuildAndLoadAsync([await Kv.Value], """
            using System.Threading.Tasks;
            using Asphalt;
            using KvLib;
            namespace App;
            [Component]
            [ChildComponent<KvStoreComponent>("store")]
            public sealed partial class App : CliApplicationComponent
            {
                public int RunAsync(KvStore store) => 0;
            }
            public static class Scenario
            {
                public static Task<string> RunAsync()
                {
                    var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
                        new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
                        new System.Collections.Generic.Dictionary<string, string?> { ["component:components:other:type"] = "store" }).Build();
                    try
                    {
                        App.Create(configuration.GetSection("component"));
                        return Task.FromResult("created");
                    }
                    catch (ConfigurationBindingException error)
                    {
                        return Task.FromResult(error.Message);
                    }
                }
            }
            """);

        var message = await GeneratorHarness.InvokeAsync<string>(assembly, "App.Scenario", "RunAsync");
        Assert.Contains("unknown component type 'store'", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_referenced_component_is_created_by_its_alias_through_the_application_s_registry()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync([await Kv.Value], """
            using System.Threading.Tasks;
            using Asphalt;
            using KvLib;
            namespace App;
            [Component("local")]
            public sealed partial class LocalComponent;
            public static class Scenario
            {
                public static async Task<string> RunAsync()
                {
                    var configuration = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions.AddInMemoryCollection(
                        new Microsoft.Extensions.Configuration.ConfigurationBuilder(),
                        new System.Collections.Generic.Dictionary<string, string?> { ["cache:type"] = "kvstore", ["cache:prefix"] = "configured" }).Build();
                    var component = Asphalt.Generated.ComponentRegistry.Create("kvstore", configuration.GetSection("cache"), "default")!;
                    var context = new Context();
                    await context.StartComponentAsync(component, System.TimeSpan.FromSeconds(10));
                    var value = context.GetResource<KvStore>().Get("k");
                    await context.CloseAsync();
                    var types = Asphalt.Generated.ComponentRegistry.CreateTypes();
                    return string.Join(",", Asphalt.Generated.ComponentRegistry.Aliases) + " " + component.GetType().FullName + " " + value
                        + " " + types.TryGet("kvstore", out _);
                }
            }
            """);

        Assert.Equal("kvstore,local KvLib.KvStoreComponent configured:k True", await GeneratorHarness.InvokeAsync<string>(assembly, "App.Scenario", "RunAsync"));
    }

    [Fact]
    public async Task A_typo_in_a_referenced_component_s_options_fails_at_the_configuration_file_s_line()
    {
        const string yaml = """
            component:
              type: app
              components:
                cache:
                  type: kvstore
                  prefx: p
            """;
        var program = await AnalyzeAppAsync(await Kv.Value, [new ConfigurationFile("/app/config.yaml", yaml)], """
            using Asphalt;
            namespace App;
            [Component("app")]
            public sealed partial class App : CliApplicationComponent
            {
                public int RunAsync() => 0;
            }
            """);

        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0013", diagnostic.Id);
        Assert.Equal("/app/config.yaml", diagnostic.Location.GetLineSpan().Path);
        Assert.Equal(6, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("'prefx' is not an option of component 'app/cache' (KvLib.KvStoreComponent)", message);
        Assert.Contains("did you mean 'Prefix'?", message);
    }

    [Fact]
    public async Task What_a_referenced_child_takes_is_checked_and_reported_at_its_declaration()
    {
        var library = await GeneratorHarness.BuildLibraryAsync("AuditLib", """
            using Asphalt;
            namespace AuditLib;
            public sealed record Clock(string Zone);
            public sealed record Alarm(string What);
            [Component("audit")]
            public sealed partial class AuditComponent
            {
                public void StartAsync([Resource("utc")] Clock clock) { }

                [SignalListener("alarms")]
                private void OnAlarm(Alarm alarm) { }
            }
            """);
        var program = await AnalyzeAppAsync(library, [], """
            using Asphalt;
            using AuditLib;
            namespace App;
            [Component]
            [ChildComponent<AuditComponent>("audit")]
            public sealed partial class App : CliApplicationComponent
            {
                [return: Resource("utc")]
                public Clock PrepareAsync() => new("UTC");
                public int RunAsync() => 0;
            }
            """);

        // The clock is provided; the signal the private listener connects to is not.
        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0001", diagnostic.Id);
        Assert.Equal("ChildComponent<AuditComponent>(\"audit\")", diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("Component 'app/audit' (AuditComponent)", message);
        Assert.Contains("'alarms'", message);
    }

    [Fact]
    public async Task Only_public_components_are_shipped_in_a_library_s_metadata()
    {
        var library = await GeneratorHarness.BuildLibraryAsync("HiddenLib", """
            using Asphalt;
            namespace HiddenLib;
            [Component("shown")] public sealed partial class Shown;
            [Component("hidden")] internal sealed partial class Hidden;
            """);
        var program = await AnalyzeAppAsync(library, [], """
            using Asphalt;
            namespace App;
            [Component("local")] public sealed partial class LocalComponent;
            """);

        program.AssertClean();
        var registry = program.Generated.Sources.Single(s => s.HintName == "Asphalt.Generated.ComponentRegistry.g.cs").Text;
        Assert.Contains("case \"shown\": return global::HiddenLib.Shown.__CreateTree(configuration, resourceName);", registry);
        Assert.DoesNotContain("hidden", registry);
    }

    [Fact]
    public async Task Assemblies_that_do_not_reference_Asphalt_Runtime_are_not_read()
    {
        // A valid manifest, in an assembly that declares its own attribute of the same name instead
        // of referencing the Runtime: never looked at.
        var model = GeneratorHarness.Generate(GeneratorHarness.Compile(KvLibrary)).Run
            .TrackedSteps[TrackingNames.ValidComponents].Single().Outputs.Select(o => (Asphalt.Generators.Models.ComponentModel)o.Value).Single();
        var manifest = Asphalt.Generators.Packages.ComponentManifest.Write(model);
        var unrelated = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "Unrelated",
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(
                "[assembly: Asphalt.ComponentManifest(@\"" + manifest.Replace("\"", "\"\"") + "\")]\n"
                + "namespace Asphalt { public sealed class ComponentManifestAttribute(string manifest) : System.Attribute { public string Manifest { get; } = manifest; } }",
                GeneratorHarness.ParseOptions)],
            [MetadataReference.CreateFromFile(typeof(object).Assembly.Location), MetadataReference.CreateFromFile(typeof(System.Attribute).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        Assert.True(unrelated.Emit(image).Success);

        var program = await GeneratorHarness.AnalyzeAsync(
            GeneratorHarness.Compile("TestApp", [MetadataReference.CreateFromImage(image.ToArray())], """
                using Asphalt;
                namespace App;
                [Component("local")] internal sealed partial class LocalComponent;
                """), []);

        program.AssertClean();
        var registry = program.Generated.Sources.Single(s => s.HintName == "Asphalt.Generated.ComponentRegistry.g.cs").Text;
        Assert.Contains("case \"local\":", registry);
        Assert.DoesNotContain("kvstore", registry);
    }
}
