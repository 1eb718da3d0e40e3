using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>
/// Configuration files listed as AdditionalFiles (AsphaltConfiguration="true") are checked at build
/// time: one test per diagnostic, each asserting the file, the line and column, and the message's facts.
/// </summary>
public sealed class ConfigurationDiagnosticsTests
{
    /// <summary>A tree declared in code: app → store (publishes Store) and web (takes it), plus types configuration may add.</summary>
    internal const string Components = """
        using System;
        using System.Collections.Generic;
        using Asphalt;
        namespace Demo;
        public sealed class Store { }
        public enum Mode { Fast, Safe }
        public sealed class TlsOptions { public string? Certificate { get; set; } public bool Enabled { get; set; } }
        public sealed class WebOptions
        {
            [System.ComponentModel.DataAnnotations.Range(1, 65535)] public int Port { get; set; } = 80;
            public Mode Mode { get; set; }
            public TimeSpan Delay { get; set; }
            [System.ComponentModel.DataAnnotations.Url] public Uri? Url { get; set; }
            public List<int> Retries { get; set; } = new();
            public TlsOptions Tls { get; set; } = new();
            public string Greeting { get; set; } = "hi";
            [System.ComponentModel.DataAnnotations.Url] public string Callback { get; set; } = "https://example.org/";
            public Dictionary<string, string> Labels { get; set; } = new();
            public System.Net.IPAddress? Address { get; set; }
            [System.ComponentModel.DataAnnotations.Required] public string Owner { get; set; } = "me";
            [System.ComponentModel.DataAnnotations.StringLength(8, MinimumLength = 2)] public string Code { get; set; } = "ab";
            [System.ComponentModel.DataAnnotations.MinLength(2)] public List<string> Hosts { get; set; } = new() { "a", "b" };
            [System.ComponentModel.DataAnnotations.MaxLength(2)] public string[] Tags { get; set; } = [];
            [System.ComponentModel.DataAnnotations.RegularExpression("^[a-z]+$")] public string? Slug { get; set; }
            [System.ComponentModel.DataAnnotations.EmailAddress] public string? Contact { get; set; }
        }
        public sealed class StoreOptions { public required string Path { get; init; } }
        [Component("store")] public sealed partial class StoreComponent(StoreOptions options) { [Resource] public Store Store { get; } = new(); }
        [Component("web")] public sealed partial class WebComponent(WebOptions options) { public void StartAsync(Store store) { } }
        [Component("stats")] public sealed partial class StatsComponent { public void StartAsync([Resource("metrics")] Store store) { } }
        [Component("idle")] public sealed partial class IdleComponent { }
        [Component("raw")] public sealed partial class RawComponent(Microsoft.Extensions.Configuration.IConfiguration configuration) { }
        [Component("app"), ChildComponent<StoreComponent>("store"), ChildComponent<WebComponent>("web")]
        public sealed partial class AppComponent { }
        """;

    internal const string ValidYaml = """
        # A complete, valid configuration.
        component:
          type: app
          components:
            store:
              path: data.db
            web:
              port: 8080
              mode: safe                 # enum names ignore case
              delay: "00:00:05"
              url: https://example.org/
              retries: [1, 2, 3]
              tls: {enabled: true, certificate: cert.pem}
              code: abcd
              hosts: [x, y]
              tags: [t]
              slug: abc
              contact: ops@example.org
              greeting: |
                Hello,
                world
            store/backup:                # a second store, publishing Store 'backup'
              path: backup.db
            idle:
        startTimeout: 10
        logging:
          level: Debug
        """;

    private static async Task<List<Diagnostic>> DiagnosticsAsync(params ConfigurationFile[] files)
    {
        var program = await GeneratorHarness.AnalyzeAsync(files, Components);
        Assert.DoesNotContain(program.AnalyzerDiagnostics, d => d.Id == "AD0001");
        Assert.Empty(program.CompilerErrors);
        return program.Wiring.Where(d => d.Location.Kind == LocationKind.ExternalFile).ToList();
    }

    /// <summary>Asserts exactly one diagnostic <paramref name="id"/> in the file, at <paramref name="line"/> (1-based) on <paramref name="locatedText"/>.</summary>
    private static async Task<Diagnostic> SingleAsync(string yaml, string id, int line, string locatedText, params string[] messageParts)
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", yaml));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal(id, diagnostic.Id);
        var span = diagnostic.Location.GetLineSpan();
        Assert.Equal("/app/config.yaml", span.Path);
        Assert.Equal(line, span.StartLinePosition.Line + 1);
        Assert.Equal(locatedText, yaml.Replace("\r\n", "\n").Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message);
        }

        Assert.Equal("https://github.com/asphalt-dotnet/asphalt/blob/main/docs/diagnostics/" + id + ".md", diagnostic.Descriptor.HelpLinkUri);
        return diagnostic;
    }

    [Fact]
    public async Task Valid_files_give_no_diagnostics()
    {
        var json = """
            {
              "component": {
                "components": {
                  "store": { "path": "data.db" },
                  "web": { "port": 8080, "retries": [1, 2], "tls": { "enabled": false } }
                }
              },
              "stopTimeout": 0
            }
            """;
        var services = """
            component:
              components:
                store: {path: base.db}
            services:
              default: {}
              dev:
                component:
                  components:
                    web: {port: 5000}
                logging: {level: Trace}
            """;
        var diagnostics = await DiagnosticsAsync(
            new ConfigurationFile("/app/config.yaml", ValidYaml),
            new ConfigurationFile("/app/config.json", json),
            new ConfigurationFile("/app/services.yaml", services));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Values_known_only_at_run_time_are_not_judged()
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", """
            component:
              components:
                store:
                  path: !TextFile secrets/path.txt
                web:
                  port: ${env:PORT}
                  mode: !Env MODE
                  delay: "${env:DELAY:-00:00:01}"
            startTimeout: ${env:TIMEOUT}
            """));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Components_reading_their_section_themselves_accept_any_key()
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", """
            component:
              components:
                store: {path: a.db}
                raw:
                  anything: [1, 2]
                  goes: {here: true}
            """));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task A_type_known_only_at_run_time_skips_the_tree_checks()
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", """
            component:
              type: ${env:ROOT_TYPE}
              whatever: 1
            """));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task Files_without_the_metadata_are_not_read()
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/other.yaml", "compnent: [unclosed", IsConfiguration: false));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ASPH0011_syntax_error_is_located_and_never_an_exception()
    {
        await SingleAsync("""
            component:
              components:
                web:
                  port: "8080
            """, "ASPH0011", 4, "\"", "quoted string is not closed");
    }

    [Fact]
    public async Task ASPH0011_duplicate_key_ignoring_case()
    {
        await SingleAsync("""
            component:
              components:
                web:
                  port: 1
                  Port: 2
            """, "ASPH0011", 5, "P", "duplicate key 'Port' (first written at line 4");
    }

    [Fact]
    public async Task ASPH0011_bad_services()
    {
        await SingleAsync("""
            component: {}
            services: [dev, prod]
            """, "ASPH0011", 2, "[dev, prod]", "\"services\" key must be a mapping");
    }

    [Fact]
    public async Task ASPH0011_top_level_must_be_a_mapping_and_one_document()
    {
        await SingleAsync("- a\n- b\n", "ASPH0011", 1, "- a\n- b", "top level must be a mapping");
        await SingleAsync("a: 1\n---\nb: 2\n", "ASPH0011", 2, "-", "more than one YAML document");
    }

    [Fact]
    public async Task ASPH0011_an_alias_bomb_is_located_at_the_alias_that_expands_too_far()
    {
        // Billion laughs under a list option the checker walks: 9^7 copies of "lol" from a few hundred bytes.
        var yaml = new System.Text.StringBuilder("component:\n  components:\n    web:\n      retries: *l7\n");
        yaml.Insert(0, "l0: &l0 \"lol\"\n" + string.Concat(Enumerable.Range(1, 7).Select(level =>
            $"l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", 9))}]\n")));

        var diagnostic = await SingleAsync(yaml.ToString(), "ASPH0011", 7, "*", "aliases in this file expand to more than 100000 values");

        Assert.Equal(10, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1); // The first '*l5' of 'l6: &l6 [*l5, …]'.
    }

    [Fact]
    public async Task ASPH0011_nesting_deeper_than_64_levels_is_located_where_it_goes_too_deep()
    {
        var yaml = "component:\n  components:\n    web:\n      retries: " + new string('[', 30_000) + new string(']', 30_000) + "\n";

        var diagnostic = await SingleAsync(yaml, "ASPH0011", 4, "[", "nested deeper than 64 levels");

        // '      retries: ' ends at column 15 and its value has 4 keys on its path: the 62nd '[' has 65.
        Assert.Equal(15 + 62, diagnostic.Location.GetLineSpan().StartLinePosition.Character + 1);
    }

    [Theory]
    [InlineData("component:\n  components:\n    web:\n      port: 1\n     bad: 2\n")]
    [InlineData("component: {components: {web: {port: 1}}\n")]
    [InlineData("component:\n\tweb: 1\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: *nothing\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[")]
    public async Task ASPH0011_malformed_files_give_one_diagnostic(string yaml)
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/bad.yaml", yaml));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("ASPH0011", diagnostic.Id);
    }

    [Fact]
    public async Task ASPH0012_unknown_type_lists_the_aliases_and_a_near_match()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                extra:
                  type: stor
            """, "ASPH0012", 5, "stor", "component.components.extra.type", "unknown component type 'stor' (did you mean 'store'?)", "registered types are app, idle, raw, stats, store, web");
    }

    [Fact]
    public async Task ASPH0012_alias_used_as_its_type()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                idel:
            """, "ASPH0012", 4, "idel", "unknown component type 'idel' (did you mean 'idle'?)");
    }

    [Fact]
    public async Task ASPH0013_unknown_option_key()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                web:
                  prot: 8080
            """, "ASPH0013", 5, "prot", "component.components.web.prot", "'prot' is not an option of component 'app/web' (Demo.WebComponent)", "Port, Mode", "did you mean 'Port'?");
    }

    [Fact]
    public async Task ASPH0013_unknown_key_in_a_nested_options_object()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                web:
                  tls:
                    enable: true
            """, "ASPH0013", 6, "enable", "TlsOptions", "did you mean 'Enabled'?");
    }

    [Theory]
    [InlineData("port: eighty", "eighty", "'eighty' is not a valid Int32")]
    [InlineData("port: 0", "0", "'0' is not a valid Int32 from 1 to 65535")]
    [InlineData("url: example.org", "example.org", "'example.org' is not a valid absolute URL (http, https or ftp)")]
    [InlineData("callback:", "", "'' is not a valid absolute URL (http, https or ftp)")]
    [InlineData("url: 'http://[bad'", "'http://[bad'", "is not a valid Uri")]
    [InlineData("mode: Slow", "Slow", "one of: Fast, Safe")]
    [InlineData("delay: soon", "soon", "'soon' is not a valid TimeSpan")]
    [InlineData("address: not-an-ip", "not-an-ip", "'not-an-ip' is not a valid IPAddress")]
    [InlineData("retries: [1, x]", "x", "component.components.web.retries.1")]
    [InlineData("tls: yes", "yes", "a mapping of TlsOptions's options")]
    [InlineData("greeting: {a: 1}", "{a: 1}", "a mapping is not a string")]
    [InlineData("port: [1]", "[1]", "a list is not a single value")]
    [InlineData("labels: [a, b]", "[a, b]", "a list is not a mapping")]
    [InlineData("port:", "", "an empty value does not convert")]
    [InlineData("owner: ' '", "' '", "' ' is not a valid non-empty String")]
    [InlineData("owner:", "", "'' is not a valid non-empty String")]
    [InlineData("code: abcdefghi", "abcdefghi", "'abcdefghi' is not a valid String of 2 to 8 characters")]
    [InlineData("code: a", "a", "'a' is not a valid String of 2 to 8 characters")]
    [InlineData("hosts: [x]", "[x]", "a list of 1 item is not a valid list of at least 2 items")]
    [InlineData("tags: [a, b, c]", "[a, b, c]", "a list of 3 items is not a valid list of at most 2 items")]
    [InlineData("slug: Abc", "Abc", "'Abc' is not a valid String matching ^[a-z]+$")]
    [InlineData("contact: user@", "user@", "'user@' is not a valid email address")]
    [InlineData("contact: a@b@c", "a@b@c", "'a@b@c' is not a valid email address")]
    public async Task ASPH0014_value_of_the_wrong_type(string line, string locatedText, string messagePart)
    {
        await SingleAsync($"""
            component:
              components:
                store: {"{path: a.db}"}
                web:
                  {line}
            """, "ASPH0014", 5, locatedText, messagePart, "'app/web' (Demo.WebComponent)");
    }

    [Theory]
    [InlineData("10.0.0.1")]
    [InlineData("'::1'")]
    [InlineData("0.0.0.0")]
    public async Task An_ip_address_option_accepts_ipv4_and_ipv6(string address)
    {
        Assert.Empty(await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", $"""
            component:
              components:
                store: {"{path: a.db}"}
                web:
                  address: {address}
            """)));
    }

    [Fact]
    public async Task ASPH0015_configured_component_takes_a_resource_nobody_publishes()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                stats:
            """, "ASPH0015", 4, "stats", "component 'app/stats' (Demo.StatsComponent) takes resource Demo.Store 'metrics'", "Demo.Store is published as 'default'");
    }

    [Fact]
    public async Task ASPH0003_a_cycle_that_only_configuration_adds_is_reported_at_the_file()
    {
        // Found in review: the command line rejected this tree and the build said nothing. The root
        // publishes Store when it starts, which is after its children; a configured child that needs
        // Store in its prepare step can never start.
        const string sources = """
            using Asphalt;
            namespace Cycle;
            public sealed record Store(string Name);
            [Component("client")]
            public sealed partial class ClientComponent { public void PrepareAsync(Store store) { } }
            [Component("app")]
            public sealed partial class App : CliApplicationComponent { [return: Resource] public Store StartAsync() => new("s"); public int RunAsync(Store store) => 0; }
            """;
        var program = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("/app/config.yaml", "component:\n  components:\n    client:\n")], sources);

        var cycle = Assert.Single(program.Wiring, d => d.Id == "ASPH0003");
        Assert.Equal("/app/config.yaml", cycle.Location.GetLineSpan().Path);
        Assert.Equal(0, cycle.Location.GetLineSpan().StartLinePosition.Line); // At the first component of the cycle, the root (component:), as the command line reports it.
        Assert.Contains("app/client", cycle.GetMessage(), StringComparison.Ordinal);

        var codeOnly = await GeneratorHarness.AnalyzeAsync(sources);
        Assert.DoesNotContain(codeOnly.Wiring, d => d.Id == "ASPH0003"); // The code's tree alone has no cycle.
    }

    [Fact]
    public async Task ASPH0015_follows_alias_slash_name_renames()
    {
        // The second store publishes Store 'metrics': stats is satisfied.
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", """
            component:
              components:
                store: {path: a.db}
                store/metrics: {path: m.db}
                stats:
            """));
        Assert.Empty(diagnostics);
    }

    [Fact]
    public async Task ASPH0016_second_instance_without_a_name_conflicts()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
                again:
                  type: store
                  path: b.db
            """, "ASPH0016", 4, "again", "Demo.Store 'default' is published by both 'app/store' and 'app/again'", "'again/otherName'");
    }

    [Theory]
    [InlineData("compnent:\n  type: app\n", 1, "compnent", "did you mean 'component'?")]
    [InlineData("startTimeout: soon\n", 1, "soon", "not a number of seconds")]
    [InlineData("stopTimeout: 1e12\n", 1, "1e12", "from 0 (no limit) to 4294967")]
    [InlineData("logging:\n  level: Loud\n", 2, "Loud", "not a log level")]
    [InlineData("logging:\n  lvl: Debug\n", 2, "lvl", "the only one is 'level'")]
    [InlineData("component:\n  components: [web]\n", 2, "[web]", "'components' must be a mapping")]
    [InlineData("component:\n  components:\n    web: 5\n", 3, "5", "must be a mapping of options or empty")]
    [InlineData("component:\n  components:\n    we-b:\n", 3, "we-b", "not a valid child alias")]
    public async Task ASPH0017_bad_shape(string yaml, int line, string locatedText, string messagePart)
    {
        // Store's required path is set where the test leaves the tree declared in code alone.
        var file = yaml.StartsWith("component:", StringComparison.Ordinal)
            ? yaml + "    store: {path: a.db}\n"
            : yaml;
        if (yaml.Contains("components: [web]", StringComparison.Ordinal) || yaml.Contains("web: 5", StringComparison.Ordinal) || yaml.Contains("we-b", StringComparison.Ordinal))
        {
            file = yaml.Replace("component:\n", "component:\n  type: app\n", StringComparison.Ordinal);
            var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.yaml", file));
            var shape = Assert.Single(diagnostics, d => d.Id == "ASPH0017");
            Assert.Equal(line + 1, shape.Location.GetLineSpan().StartLinePosition.Line + 1);
            Assert.Equal(locatedText, file.Substring(shape.Location.SourceSpan.Start, shape.Location.SourceSpan.Length));
            Assert.Contains(messagePart, shape.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        await SingleAsync(file, "ASPH0017", line, locatedText, messagePart);
    }

    [Fact]
    public async Task ASPH0018_required_option_not_set_is_a_warning_at_the_component()
    {
        var diagnostic = await SingleAsync("""
            component:
              components:
                store:
                  type: store
            """, "ASPH0018", 3, "store", "required option 'Path' (String) of component 'app/store' (Demo.StoreComponent)");
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
    }

    [Fact]
    public async Task Each_service_is_checked_merged_over_the_top_level()
    {
        await SingleAsync("""
            component:
              components:
                store: {path: a.db}
            services:
              default: {}
              dev:
                component:
                  components:
                    web:
                      port: many
            """, "ASPH0014", 10, "many", "'many' is not a valid Int32");
    }

    [Fact]
    public async Task Json_files_are_located_too()
    {
        var json = "{\n  \"component\": {\n    \"components\": {\n      \"store\": {\"path\": \"a\"},\n      \"web\": {\"port\": \"x\"}\n    }\n  }\n}\n";
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/config.json", json));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("ASPH0014", diagnostic.Id);
        Assert.Equal(4, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("\"x\"", json.Substring(diagnostic.Location.SourceSpan.Start, diagnostic.Location.SourceSpan.Length));
    }

    [Fact]
    public async Task Root_type_comes_from_the_item_metadata_when_the_file_names_none()
    {
        var diagnostics = await DiagnosticsAsync(new ConfigurationFile("/app/web.yaml", "component:\n  prot: 1\n", RootType: "web"));
        var diagnostic = Assert.Single(diagnostics);
        Assert.Equal("ASPH0013", diagnostic.Id);
        Assert.Contains("'app' (Demo.WebComponent)", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }
}
