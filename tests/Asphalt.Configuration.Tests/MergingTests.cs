namespace Asphalt.Configuration.Tests;

public sealed class MergingTests : IDisposable
{
    private readonly TempFiles _files = new();

    private static LoadedConfiguration Load(ConfigurationLoader loader)
    {
        loader.Environment ??= new Dictionary<string, string>();
        return loader.Load();
    }

    [Fact]
    public void Later_files_win_mappings_merge_and_lists_are_replaced()
    {
        var first = _files.Write("a.yaml", """
            component:
              name: first
              keep: kept
              tags: [a, b, c]
              nested: {x: 1, y: 2}
            """);
        var second = _files.Write("b.json", """
            {
              "component": {
                "name": "second",
                "tags": ["z"],
                "nested": {"y": 20}
              }
            }
            """);

        var config = Load(new ConfigurationLoader { Files = { first, second } }).Configuration;

        Assert.Equal("second", config["component:name"]);
        Assert.Equal("kept", config["component:keep"]);
        Assert.Equal(["z"], config.GetSection("component:tags").GetChildren().Select(c => c.Value));
        Assert.Equal("1", config["component:nested:x"]);
        Assert.Equal("20", config["component:nested:y"]);
    }

    [Fact]
    public void Every_key_knows_its_file_and_line()
    {
        var yaml = _files.Write("a.yaml", """
            # comment
            component:
              components:
                mailer:
                  host: smtp.example.org
            """);
        var json = _files.Write("b.json", """
            {
              "component": {
                "port": 25
              }
            }
            """);

        var loaded = Load(new ConfigurationLoader { Files = { yaml, json } });

        Assert.Equal(new SourceLocation(yaml, 5, 7), loaded.LocationOf("component:components:mailer:host"));
        Assert.Equal(new SourceLocation(json, 3, 5), loaded.LocationOf("component:port"));
        // A key nobody set points at its nearest parent.
        Assert.Equal(new SourceLocation(yaml, 4, 5), loaded.LocationOf("component:components:mailer:missing"));
    }

    [Fact]
    public void Anchors_aliases_and_merge_keys_work()
    {
        var file = _files.Write("a.yaml", """
            defaults: &smtp
              host: smtp.example.org
              port: 25
            component:
              primary: *smtp
              backup:
                <<: *smtp
                port: 2525
            """);

        var config = Load(new ConfigurationLoader { Files = { file } }).Configuration;

        Assert.Equal("smtp.example.org", config["component:primary:host"]);
        Assert.Equal("smtp.example.org", config["component:backup:host"]);
        Assert.Equal("2525", config["component:backup:port"]);
    }

    [Fact]
    public void An_empty_value_over_a_mapping_keeps_the_mapping()
    {
        var first = _files.Write("a.yaml", "component:\n  mailer:\n    host: h\n");
        var second = _files.Write("b.yaml", "component:\n  mailer:\n");

        var config = Load(new ConfigurationLoader { Files = { first, second } }).Configuration;

        Assert.Equal("h", config["component:mailer:host"]);
    }

    [Fact]
    public void Environment_variables_with_the_prefix_override_files_and_set_overrides_them()
    {
        var file = _files.Write("a.yaml", "component:\n  mailer:\n    host: from-file\n    port: 25\n    user: u\n");
        var environment = new Dictionary<string, string>
        {
            ["APP_component__mailer__host"] = "from-env",
            ["APP_COMPONENT__MAILER__PORT"] = "2525",
            ["OTHER_component__mailer__user"] = "ignored",
        };

        var loaded = Load(new ConfigurationLoader
        {
            Files = { file },
            EnvironmentPrefix = "APP_",
            Environment = environment,
            Overrides = { "component.mailer.port=587" },
        });

        Assert.Equal("from-env", loaded.Configuration["component:mailer:host"]);
        Assert.Equal("587", loaded.Configuration["component:mailer:port"]);
        Assert.Equal("u", loaded.Configuration["component:mailer:user"]);
        Assert.Equal(new SourceLocation("environment variable APP_component__mailer__host"), loaded.LocationOf("component:mailer:host"));
        Assert.Equal(new SourceLocation("--set component.mailer.port=…"), loaded.LocationOf("component:mailer:port"));
    }

    [Fact]
    public void Defaults_from_code_are_below_every_file()
    {
        var file = _files.Write("a.yaml", "component:\n  greeting: from-file\n");

        var config = Load(new ConfigurationLoader
        {
            Files = { file },
            Defaults = [new("component:greeting", "from-code"), new("component:other", "code-only")],
        }).Configuration;

        Assert.Equal("from-file", config["component:greeting"]);
        Assert.Equal("code-only", config["component:other"]);
    }

    [Fact]
    public void Null_and_quoted_scalars_keep_their_meaning()
    {
        var file = _files.Write("a.yaml", "component:\n  empty:\n  tilde: ~\n  quoted: \"null\"\n  number: 007\n");

        var config = Load(new ConfigurationLoader { Files = { file } }).Configuration;

        Assert.Null(config["component:empty"]);
        Assert.Null(config["component:tilde"]);
        Assert.Equal("null", config["component:quoted"]);
        Assert.Equal("007", config["component:number"]); // Text as written: options binding parses it.
    }

    public void Dispose() => _files.Dispose();
}
