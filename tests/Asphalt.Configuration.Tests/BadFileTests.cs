namespace Asphalt.Configuration.Tests;

public sealed class BadFileTests : IDisposable
{
    private readonly TempFiles _files = new();

    [Fact]
    public void Every_problem_of_every_file_comes_out_in_one_error()
    {
        var first = _files.Write("first.yaml", """
            component:
              port: 1
              Port: 2
              password: ${env:MISSING_PASSWORD}
            """);
        var broken = _files.Write("broken.yaml", "component:\n  a: [1, 2\n  b: 3\n");
        var second = _files.Write("second.json", """
            {
              "component": {
                "user": "${env:MISSING_USER}"
              }
            }
            """);
        var missing = Path.Combine(_files.Directory, "missing.yaml");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationLoader
        {
            Files = { first, broken, second, missing },
            Overrides = { "no-equals-sign" },
            Environment = new Dictionary<string, string>(),
        }.Load());

        Assert.Collection(error.Errors,
            e => Assert.Equal(("--set", ""), (e.Location.Source, e.KeyPath)),
            e => Assert.Equal((first, 3, "component.Port"), (e.Location.Source, e.Location.Line, e.KeyPath)),
            e => Assert.Equal((first, 4, "component.password"), (e.Location.Source, e.Location.Line, e.KeyPath)),
            e => Assert.Equal((broken, 2), (e.Location.Source, e.Location.Line)), // The unclosed '[' is on line 2.
            e => Assert.Equal((second, 3, "component.user"), (e.Location.Source, e.Location.Line, e.KeyPath)),
            e => Assert.Equal((missing, "cannot read the configuration file: the file does not exist"), (e.Location.Source, e.Message)));
        Assert.Contains("duplicate key (first written at line 2", error.Errors[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("syntax error", error.Errors[3].Message, StringComparison.Ordinal);
        Assert.StartsWith("The configuration has 6 errors:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{first}:4:13: component.password: environment variable 'MISSING_PASSWORD' is not set", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_top_level_must_be_a_mapping_and_hold_one_document()
    {
        var list = _files.Write("list.yaml", "- a\n- b\n");
        var two = _files.Write("two.yaml", "a: 1\n---\nb: 2\n");

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationLoader { Files = { list, two }, Environment = new Dictionary<string, string>() }.Load());

        Assert.Collection(error.Errors,
            e => Assert.Contains("the top level must be a mapping", e.Message, StringComparison.Ordinal),
            e => Assert.Contains("more than one YAML document", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_file_configures_nothing()
    {
        var empty = _files.Write("empty.yaml", "# nothing yet\n");

        var loaded = new ConfigurationLoader { Files = { empty }, Environment = new Dictionary<string, string>() }.Load();

        Assert.Empty(loaded.Configuration.GetChildren());
    }

    public void Dispose() => _files.Dispose();
}
