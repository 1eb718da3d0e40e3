using System.Reflection;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Options;

/// <summary>
/// A component taking <c>Reloadable&lt;TOptions&gt;</c>: its options are bound and validated by the same generated
/// binder as a plain <c>TOptions</c> parameter, at run time and in configuration files at build time.
/// </summary>
public sealed class ReloadableOptionsTests
{
    private const string Source = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using Asphalt;
        using Microsoft.Extensions.Configuration;

        namespace Demo;

        public sealed class GreeterOptions
        {
            [System.ComponentModel.DataAnnotations.Required] public string Greeting { get; set; } = "hello";
            [System.ComponentModel.DataAnnotations.Range(1, 10)] public int Repeat { get; set; } = 1;
        }

        [Component("greeter")]
        public sealed partial class Greeter(Reloadable<GreeterOptions> options)
        {
            public Reloadable<GreeterOptions> Options => options;
        }

        [Component("plainGreeter")]
        public sealed partial class PlainGreeter(GreeterOptions options)
        {
            public GreeterOptions Options => options;
        }

        public static class Scenario
        {
            // The reloadable component and the plain one given the same section: the same value or the same error.
            public static Task<string> BindBothAsync(IEnumerable<KeyValuePair<string, string?>> values)
            {
                var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("greeter");
                return Task.FromResult(Describe(() => Greeter.Create(section).Options.Current) + " | " + Describe(() => PlainGreeter.Create(section).Options));
            }

            // Created without configuration: the options' defaults, which nothing ever changes.
            public static Task<string> CreateInCodeAsync() => Task.FromResult(Describe(() => Greeter.Create().Options.Current));

            private static string Describe(System.Func<GreeterOptions> create)
            {
                try
                {
                    var o = create();
                    return $"{o.Greeting} x{o.Repeat}";
                }
                catch (ConfigurationBindingException error)
                {
                    return $"error at {error.Path}: {error.Message}";
                }
            }
        }
        """;

    private static readonly Lazy<Task<Assembly>> Assembly = new(() => GeneratorHarness.BuildAndLoadAsync(Source));

    private static async Task<string> BindBothAsync(params (string Key, string Value)[] values) =>
        await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "BindBothAsync",
            values.Select(v => new KeyValuePair<string, string?>("greeter:" + v.Key, v.Value)).ToList());

    [Fact]
    public async Task Reloadable_options_snapshot()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Source);
        program.AssertClean();
        Snapshot.Verify("Reloadable", program.Generated.Sources.Where(s => s.HintName.Contains("Demo_Greeter.", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reloadable_options_bind_like_plain_options()
    {
        Assert.Equal("hi x3 | hi x3", await BindBothAsync(("Greeting", "hi"), ("Repeat", "3")));
        Assert.Equal("hello x1 | hello x1", await BindBothAsync());
    }

    [Fact]
    public async Task Reloadable_options_are_validated_with_the_same_messages_as_plain_options()
    {
        var outOfRange = await BindBothAsync(("Repeat", "11"));
        var parts = outOfRange.Split(" | ");
        Assert.StartsWith("error at greeter:Repeat: ", parts[0]);
        Assert.Equal(parts[1], parts[0]);

        // The message names the component type; otherwise it is the same.
        var unknown = (await BindBothAsync(("Greting", "hi"))).Split(" | ");
        Assert.StartsWith("error at greeter:Greting: ", unknown[0]);
        Assert.Contains("Greeter has no such option", unknown[0]);
        Assert.Equal(unknown[1].Replace("PlainGreeter", "Greeter", StringComparison.Ordinal), unknown[0]);
    }

    [Fact]
    public async Task A_component_created_in_code_gets_its_options_defaults()
    {
        Assert.Equal("hello x1", await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "CreateInCodeAsync"));
    }

    [Fact]
    public async Task Configuration_files_are_checked_at_build_time_for_reloadable_options_too()
    {
        const string Yaml = """
            component:
              type: greeter
              greting: hi
              repeat: 11
            """;
        var program = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("/app/config.yaml", Yaml, RootType: "greeter")], Source);
        var found = program.Wiring.Where(d => d.Location.Kind == LocationKind.ExternalFile)
            .Select(d => $"{d.Id}@{d.Location.GetLineSpan().StartLinePosition.Line + 1}").Order().ToList();
        Assert.Equal(["ASPH0013@3", "ASPH0014@4"], found);
    }
}
