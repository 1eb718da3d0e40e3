using System.Reflection;
using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Options;

/// <summary>Generated, reflection-free options binding: compiled, run against in-memory configuration.</summary>
public sealed class OptionsBindingTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Asphalt;
        using Microsoft.Extensions.Configuration;

        namespace Demo;

        public enum Mode { Fast, Safe }

        public sealed class Limits
        {
            public int Max { get; set; } = 10;
            public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(1);
        }

        public sealed record Endpoint(string Host, int Port = 80);

        public sealed class ServerOptions
        {
            public required string Name { get; init; }
            public int Port { get; set; } = 1234;
            public bool Verbose { get; set; }
            public double Ratio { get; set; }
            public Mode Mode { get; set; }
            public TimeSpan Timeout { get; set; }
            public Uri? Homepage { get; set; }
            public int? MaxClients { get; set; }
            public string[] Tags { get; set; } = [];
            public List<int> Ports { get; set; } = new();
            public IReadOnlyDictionary<string, string> Labels { get; set; } = new Dictionary<string, string>();
            public Limits Limits { get; set; } = new();
            public List<Endpoint> Endpoints { get; set; } = new();
            [ConfigurationKeyName("log-level")] public string LogLevel { get; set; } = "info";
            public string Untouched { get; init; } = "kept";
            public string Computed => Name + "!";
        }

        [Component("server")]
        public sealed partial class Server(ServerOptions options)
        {
            public ServerOptions Options => options;
        }

        [Component("plain")]
        public sealed partial class Plain;

        public sealed class LimitOptions
        {
            [System.ComponentModel.DataAnnotations.Range(1, 65535)] public int Port { get; set; } = 80;
            [System.ComponentModel.DataAnnotations.Range(0.5, 2.0)] public double? Factor { get; set; }
            [System.ComponentModel.DataAnnotations.Url] public Uri? Home { get; set; }
            [System.ComponentModel.DataAnnotations.Range(0.7, 1.0)] public float? Ratio { get; set; }
        }

        public sealed record WindowOptions([System.ComponentModel.DataAnnotations.Range(1, 60)] int Seconds = 5, [property: System.ComponentModel.DataAnnotations.Range(1, 9)] int Slots = 1);

        [Component("limited")]
        public sealed partial class Limited(LimitOptions limits) { public LimitOptions Limits => limits; }

        [Component("windowed")]
        public sealed partial class Windowed(WindowOptions window) { public WindowOptions Window => window; }

        public sealed class AddressOptions
        {
            public System.Net.IPAddress Host { get; set; } = System.Net.IPAddress.Loopback;
            public System.Net.IPAddress? Fallback { get; set; }
        }

        [Component("addressed")]
        public sealed partial class Addressed(AddressOptions options) { public AddressOptions Options => options; }

        public static class Scenario
        {
            public static Task<string> BindLimitsAsync(IEnumerable<KeyValuePair<string, string?>> values)
            {
                var root = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
                try
                {
                    var limits = Limited.Create(root.GetSection("limited")).Limits;
                    var window = Windowed.Create(root.GetSection("windowed")).Window;
                    return Task.FromResult($"Port={limits.Port}; Factor={(limits.Factor?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null")}; Seconds={window.Seconds}; Home={limits.Home}");
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult($"error at {error.Path} expecting {error.Expected}: {error.Message}");
                }
            }

            public static Task<string> BindAddressAsync(IEnumerable<KeyValuePair<string, string?>> values)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("addressed");
                try
                {
                    var o = Addressed.Create(configuration).Options;
                    return Task.FromResult($"Host={o.Host}; Fallback={(o.Fallback?.ToString() ?? "null")}");
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult($"error at {error.Path} expecting {error.Expected}: {error.Message}");
                }
            }

            public static Task<string> CreatePlainAsync(IEnumerable<KeyValuePair<string, string?>> values)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("plain");
                try
                {
                    return Task.FromResult(Plain.Create(configuration) is not null ? "created" : "null");
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult($"error at {error.Path} expecting {error.Expected}: {error.Message}");
                }
            }

            public static Task<string> BindAsync(IEnumerable<KeyValuePair<string, string?>> values)
            {
                var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("server");
                try
                {
                    var o = Server.Create(configuration).Options;
                    return Task.FromResult(string.Join("; ",
                        $"Name={o.Name}", $"Port={o.Port}", $"Verbose={o.Verbose}", $"Ratio={o.Ratio}", $"Mode={o.Mode}",
                        $"Timeout={o.Timeout}", $"Homepage={o.Homepage}", $"MaxClients={(o.MaxClients?.ToString() ?? "null")}",
                        $"Tags=[{string.Join(",", o.Tags)}]", $"Ports=[{string.Join(",", o.Ports)}]",
                        $"Labels=[{string.Join(",", o.Labels.OrderBy(p => p.Key).Select(p => p.Key + ":" + p.Value))}]",
                        $"Limits={o.Limits.Max}/{o.Limits.Window}",
                        $"Endpoints=[{string.Join(",", o.Endpoints.Select(e => e.Host + ":" + e.Port))}]",
                        $"LogLevel={o.LogLevel}", $"Untouched={o.Untouched}"));
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult($"error at {error.Path} expecting {error.Expected}: {error.Message}");
                }
            }
        }
        """;

    private const string CheckScenario = """
        namespace Demo;

        public static class CheckScenario
        {
            // What the command line's check does with a file: every problem of the tree, located.
            public static System.Threading.Tasks.Task<string> CheckAsync(string file)
            {
                var loaded = new Asphalt.Configuration.ConfigurationLoader { Files = { file } }.Load();
                var errors = Asphalt.Configuration.ComponentTree.Check(loaded, Asphalt.Generated.ComponentRegistry.CreateTypes(), "server");
                return System.Threading.Tasks.Task.FromResult(string.Join("\n", errors));
            }
        }
        """;

    private static readonly Lazy<Task<Assembly>> Assembly = new(() => GeneratorHarness.BuildAndLoadAsync(Source, CheckScenario));

    private static async Task<string> BindAsync(params (string Key, string Value)[] values) =>
        await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "BindAsync",
            values.Select(v => new KeyValuePair<string, string?>("server:" + v.Key, v.Value)).ToList());

    [Fact]
    public async Task Binder_snapshot()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Source);
        program.AssertClean();
        Snapshot.Verify("Options", program.Generated.Sources.Where(s => s.HintName.Contains("Server", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Binds_every_supported_kind_of_value()
    {
        var result = await BindAsync(
            ("Name", "chat"), ("port", "8080"), ("Verbose", "TRUE"), ("Ratio", "0.5"), ("Mode", "safe"),
            ("Timeout", "00:00:30"), ("Homepage", "https://example.org/"), ("MaxClients", "7"),
            ("Tags:0", "a"), ("Tags:1", "b"), ("Ports:0", "1"), ("Ports:1", "2"),
            ("Labels:x", "1"), ("Labels:y", "2"), ("Limits:Max", "99"), ("Limits:Window", "00:01:00"),
            ("Endpoints:0:Host", "h1"), ("Endpoints:1:Host", "h2"), ("Endpoints:1:Port", "81"), ("log-level", "debug"));
        Assert.Equal(
            "Name=chat; Port=8080; Verbose=True; Ratio=0.5; Mode=Safe; Timeout=00:00:30; Homepage=https://example.org/; MaxClients=7; "
            + "Tags=[a,b]; Ports=[1,2]; Labels=[x:1,y:2]; Limits=99/00:01:00; Endpoints=[h1:80,h2:81]; LogLevel=debug; Untouched=kept",
            result);
    }

    [Fact]
    public async Task Absent_keys_keep_their_defaults()
    {
        Assert.Equal(
            "Name=n; Port=1234; Verbose=False; Ratio=0; Mode=Fast; Timeout=00:00:00; Homepage=; MaxClients=null; Tags=[]; Ports=[]; Labels=[]; "
            + "Limits=10/00:00:01; Endpoints=[]; LogLevel=info; Untouched=kept",
            await BindAsync(("Name", "n")));
    }

    [Fact]
    public async Task Unknown_key_names_the_full_path_and_the_known_keys()
    {
        var result = await BindAsync(("Name", "n"), ("Limits:Maximum", "3"));
        Assert.StartsWith("error at server:Limits:Maximum expecting Max, Window:", result);
        Assert.Contains("Unknown configuration key 'server:Limits:Maximum'", result);
    }

    [Fact]
    public async Task Unknown_key_at_the_component_level_lists_options_and_reserved_keys()
    {
        var result = await BindAsync(("Name", "n"), ("Prot", "1"));
        Assert.StartsWith("error at server:Prot expecting Name, Port,", result);
        Assert.Contains("components, type", result);
    }

    [Fact]
    public async Task Range_and_url_attributes_are_checked_naming_the_key_and_what_is_allowed()
    {
        async Task<string> BindLimitsAsync(params (string Key, string Value)[] values) =>
            await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "BindLimitsAsync",
                values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).ToList());

        Assert.Equal("Port=80; Factor=null; Seconds=5; Home=", await BindLimitsAsync());
        Assert.Equal(
            "Port=65535; Factor=0.5; Seconds=60; Home=https://example.org/",
            await BindLimitsAsync(("limited:Port", "65535"), ("limited:Factor", "0.5"), ("windowed:Seconds", "60"), ("limited:Home", "https://example.org/")));
        Assert.Equal(
            "error at limited:Home expecting absolute URL (http, https or ftp): Configuration value 'not a url' at 'limited:Home' is not a valid absolute URL (http, https or ftp).",
            await BindLimitsAsync(("limited:Home", "not a url")));
        Assert.Equal(
            "error at limited:Port expecting Int32 from 1 to 65535: Configuration value '0' at 'limited:Port' is not a valid Int32 from 1 to 65535.",
            await BindLimitsAsync(("limited:Port", "0")));
        Assert.StartsWith("error at limited:Factor expecting Double from 0.5 to 2", await BindLimitsAsync(("limited:Factor", "2.5")));
        Assert.StartsWith("error at windowed:Seconds expecting Int32 from 1 to 60", await BindLimitsAsync(("windowed:Seconds", "61")));
        Assert.StartsWith("error at windowed:Slots expecting Int32 from 1 to 9", await BindLimitsAsync(("windowed:Slots", "10"))); // [property: Range] on a record.
        Assert.StartsWith("Port=80", await BindLimitsAsync(("limited:Ratio", "0.7"))); // A float bound compared as a float.
        Assert.StartsWith("error at limited:Ratio expecting Single from 0.7 to 1", await BindLimitsAsync(("limited:Ratio", "0.69")));
    }

    [Fact]
    public async Task An_ip_address_option_binds_ipv4_and_ipv6_and_rejects_anything_else()
    {
        async Task<string> BindAddressAsync(params (string Key, string Value)[] values) =>
            await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "BindAddressAsync",
                values.Select(v => new KeyValuePair<string, string?>("addressed:" + v.Key, v.Value)).ToList());

        Assert.Equal("Host=127.0.0.1; Fallback=null", await BindAddressAsync());
        Assert.Equal("Host=0.0.0.0; Fallback=::1", await BindAddressAsync(("Host", " 0.0.0.0 "), ("Fallback", "::1")));
        Assert.Equal(
            "error at addressed:Host expecting IPAddress: Configuration value 'not-an-ip' at 'addressed:Host' is not a valid IPAddress.",
            await BindAddressAsync(("Host", "not-an-ip")));
    }

    [Fact]
    public async Task A_single_value_where_a_list_is_expected_is_an_error_not_an_empty_list()
    {
        var result = await BindAsync(("Name", "n"), ("Tags", "solo"));

        Assert.StartsWith("error at server:Tags expecting ", result);
        Assert.Contains("Configuration value 'solo' at 'server:Tags' is not a valid", result);
    }

    [Fact]
    public async Task A_component_without_options_accepts_only_its_reserved_keys()
    {
        async Task<string> CreateAsync(params (string Key, string Value)[] values) =>
            await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.Scenario", "CreatePlainAsync",
                values.Select(v => new KeyValuePair<string, string?>("plain:" + v.Key, v.Value)).ToList());

        Assert.Equal("created", await CreateAsync(("type", "plain")));
        Assert.Equal(
            "error at plain:colour expecting components, type, bridges: Unknown configuration key 'plain:colour': Plain has no such option. Known keys: components, type, bridges.",
            await CreateAsync(("type", "plain"), ("colour", "red")));
    }

    [Theory]
    [InlineData("Port", "eighty", "server:Port", "Int32")]
    [InlineData("Mode", "Turbo", "server:Mode", "Mode (one of: Fast, Safe)")]
    [InlineData("Verbose", "yes", "server:Verbose", "Boolean (true or false)")]
    [InlineData("Timeout", "soon", "server:Timeout", "TimeSpan")]
    [InlineData("Ports:1", "x", "server:Ports:1", "Int32")]
    [InlineData("Endpoints:0:Port", "x", "server:Endpoints:0:Port", "Int32")]
    public async Task Bad_value_names_the_full_path_and_the_expected_type(string key, string value, string path, string expected)
    {
        var result = await BindAsync(("Name", "n"), ("Endpoints:0:Host", "h"), (key, value));
        Assert.Equal($"error at {path} expecting {expected}: Configuration value '{value}' at '{path}' is not a valid {expected}.", result);
    }

    [Fact]
    public async Task Missing_required_member_and_constructor_parameter_are_errors()
    {
        Assert.Equal("error at server:Name expecting String: Required configuration key 'server:Name' (String) is missing.", await BindAsync(("Port", "1")));
        Assert.StartsWith("error at server:Endpoints:0:Host expecting String", await BindAsync(("Name", "n"), ("Endpoints:0:Port", "1")));
    }

    [Fact]
    public async Task Every_problem_of_a_section_is_reported_in_one_exception()
    {
        var result = await BindAsync(("Prot", "1"), ("Port", "eighty"), ("Limits:Window", "soon"), ("Limits:Maximum", "3"), ("Ports:0", "x"), ("Ports:1", "y"));

        // Unknown keys first, then members in declaration order; Path and Expected are the first problem's.
        Assert.StartsWith("error at server:Prot expecting Name, Port,", result);
        Assert.Contains("The configuration has 7 problems:", result);
        Assert.Contains("Unknown configuration key 'server:Prot'", result);
        Assert.Contains("Required configuration key 'server:Name' (String) is missing.", result);
        Assert.Contains("Configuration value 'eighty' at 'server:Port' is not a valid Int32.", result);
        Assert.Contains("Configuration value 'x' at 'server:Ports:0' is not a valid Int32.", result);
        Assert.Contains("Configuration value 'y' at 'server:Ports:1' is not a valid Int32.", result);
        Assert.Contains("Unknown configuration key 'server:Limits:Maximum'", result);
        Assert.Contains("Configuration value 'soon' at 'server:Limits:Window' is not a valid TimeSpan.", result);
    }

    [Fact]
    public async Task Check_reports_every_problem_of_a_component_each_at_its_line()
    {
        var file = Path.Combine(Path.GetTempPath(), "asphalt-binding-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(file, "component:\n  prot: 1\n  port: eighty\n  limits:\n    window: soon\n");
        try
        {
            var errors = (await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.CheckScenario", "CheckAsync", file)).Split('\n');
            Assert.Equal(4, errors.Length);
            Assert.Contains(errors, e => e.StartsWith(file + ":1:", StringComparison.Ordinal) && e.Contains("component.Name", StringComparison.Ordinal) && e.Contains("is missing", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith(file + ":2:3: component.prot: Unknown configuration key", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith(file + ":3:3: component.port: Configuration value 'eighty'", StringComparison.Ordinal));
            Assert.Contains(errors, e => e.StartsWith(file + ":5:5: component.limits.window: Configuration value 'soon'", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_list_for_a_dictionary_option_is_an_error_and_a_mapping_keyed_by_numbers_is_not()
    {
        var list = Path.Combine(Path.GetTempPath(), "asphalt-list-" + Guid.NewGuid().ToString("N") + ".yaml");
        var mapping = Path.Combine(Path.GetTempPath(), "asphalt-mapping-" + Guid.NewGuid().ToString("N") + ".yaml");
        await File.WriteAllTextAsync(list, "component:\n  name: n\n  labels: [a, b]\n");
        await File.WriteAllTextAsync(mapping, "component:\n  name: n\n  labels: {0: a, 1: b}\n");
        try
        {
            var listErrors = await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.CheckScenario", "CheckAsync", list);
            var mappingErrors = await GeneratorHarness.InvokeAsync<string>(await Assembly.Value, "Demo.CheckScenario", "CheckAsync", mapping);

            Assert.Equal(
                $"{list}:3:3: component.labels: Configuration key 'labels' is a list, not a mapping (IReadOnlyDictionary<string, string>); write 'key: value' pairs.",
                listErrors);
            Assert.Equal("", mappingErrors);
        }
        finally
        {
            File.Delete(list);
            File.Delete(mapping);
        }
    }
}
