namespace Asphalt.Configuration.Tests;

public sealed class SetOverrideTests
{
    private static LoadedConfiguration Load(string? yaml, params string[] overrides)
    {
        using var files = new TempFiles();
        var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
        if (yaml is not null)
        {
            loader.Files.Add(files.Write("a.yaml", yaml));
        }

        loader.Overrides.AddRange(overrides);
        return loader.Load();
    }

    [Fact]
    public void Creates_missing_mappings_and_parses_the_value_as_yaml()
    {
        var config = Load(null,
            "component.components.detector.delay=5",
            "component.list=[a, b]",
            "component.map={x: 1, y: two}",
            "component.text='quoted: yes'").Configuration;

        Assert.Equal("5", config["component:components:detector:delay"]);
        Assert.Equal(["a", "b"], config.GetSection("component:list").GetChildren().Select(c => c.Value));
        Assert.Equal("1", config["component:map:x"]);
        Assert.Equal("two", config["component:map:y"]);
        Assert.Equal("quoted: yes", config["component:text"]);
    }

    [Fact]
    public void An_escaped_dot_is_part_of_the_key()
    {
        var config = Load(null, @"logging.categories.WebNotifier\.Detector=Debug").Configuration;

        Assert.Equal("Debug", config["logging:categories:WebNotifier.Detector"]);
    }

    [Fact]
    public void A_list_is_replaced_not_merged()
    {
        var config = Load("component:\n  tags: [a, b, c]\n", "component.tags=[z]").Configuration;

        Assert.Equal(["z"], config.GetSection("component:tags").GetChildren().Select(c => c.Value));
    }

    [Fact]
    public void A_value_may_contain_equals_signs()
    {
        var config = Load(null, "component.query=a=b").Configuration;

        Assert.Equal("a=b", config["component:query"]);
    }

    [Fact]
    public void A_missing_equals_sign_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(null, "component.delay"));

        var single = Assert.Single(error.Errors);
        Assert.Contains("Configuration must be set with '=', got: 'component.delay'", single.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_segment_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(null, "component..delay=1"));

        Assert.Contains("empty segment", Assert.Single(error.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scalar_on_the_path_is_an_error_naming_where_it_was_set()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load("component:\n  delay: 5\n", "component.delay.seconds=1"));

        var single = Assert.Single(error.Errors);
        Assert.Equal("component.delay.seconds", single.KeyPath);
        Assert.Contains("Cannot apply override for 'component.delay.seconds': value at component ⟶ delay is not a mapping, but '5'", single.Message, StringComparison.Ordinal);
        Assert.Contains("a.yaml:2", single.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_value_of_a_set_never_appears_in_its_location()
    {
        var loaded = Load(null, "component.password=hunter2");

        Assert.DoesNotContain("hunter2", loaded.LocationOf("component:password").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Key_path_split_and_join_round_trip()
    {
        var segments = KeyPath.Split(@"a.b\.c.d\\e", out var error);

        Assert.Null(error);
        Assert.Equal(["a", "b.c", @"d\e"], segments);
        Assert.Equal(@"a.b\.c.d\\e", KeyPath.Join(segments!));
    }
}
