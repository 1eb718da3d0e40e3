namespace Asphalt.Configuration.Tests;

public sealed class SubstitutionTests : IDisposable
{
    private readonly TempFiles _files = new();

    private LoadedConfiguration Load(string yaml, Dictionary<string, string>? environment = null, string name = "a.yaml") =>
        new ConfigurationLoader { Files = { _files.Write(name, yaml) }, Environment = environment ?? new Dictionary<string, string>() }.Load();

    [Fact]
    public void Env_and_file_references_are_substituted_in_yaml()
    {
        _files.Write("password.txt", "s3cret-from-file\n");
        var loaded = Load("""
            component:
              user: ${env:SMTP_USER}
              password: ${file:password.txt}
              url: "postgres://${env:SMTP_USER}@db/${env:DB_NAME:-app}"
              literal: "costs $${price}"
              tagged: !Env SMTP_USER
              taggedFile: !TextFile password.txt
            """, new() { ["SMTP_USER"] = "alice" });

        var config = loaded.Configuration;
        Assert.Equal("alice", config["component:user"]);
        Assert.Equal("s3cret-from-file", config["component:password"]); // One trailing newline removed; relative to the file.
        Assert.Equal("postgres://alice@db/app", config["component:url"]);
        Assert.Equal("costs ${price}", config["component:literal"]);
        Assert.Equal("alice", config["component:tagged"]);
        Assert.Equal("s3cret-from-file", config["component:taggedFile"]);
        Assert.True(loaded.IsSecret("component:password"));
        Assert.True(loaded.IsSecret("component:tagged"));
        Assert.False(loaded.IsSecret("component:literal"));
    }

    [Fact]
    public void The_same_syntax_works_in_json()
    {
        _files.Write("token.txt", "tok");
        var loaded = Load("""
            { "component": { "user": "${env:SMTP_USER}", "token": "${file:token.txt}" } }
            """, new() { ["SMTP_USER"] = "bob" }, "a.json");

        Assert.Equal("bob", loaded.Configuration["component:user"]);
        Assert.Equal("tok", loaded.Configuration["component:token"]);
    }

    [Fact]
    public void Secrets_are_redacted_from_dumps_and_messages()
    {
        var loaded = Load("component:\n  password: ${env:PW}\n  host: smtp.example.org\n", new() { ["PW"] = "hunter2" });

        var dump = loaded.Dump();
        Assert.Contains("component.password = ***", dump, StringComparison.Ordinal);
        Assert.Contains("component.host = smtp.example.org", dump, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", dump, StringComparison.Ordinal);
        Assert.Equal("login failed for *** at smtp.example.org", loaded.Redact("login failed for hunter2 at smtp.example.org"));
    }

    [Fact]
    public void A_bad_secret_value_is_reported_without_the_value()
    {
        var loaded = Load("component:\n  components:\n    greeter:\n      greeting: hi\n      shout: ${env:PW}\n", new() { ["PW"] = "hunter2" });

        var errors = ComponentTree.Check(loaded, TestApplication.Types(), "app");

        var error = Assert.Single(errors);
        Assert.Equal("component.components.greeter.shout", error.KeyPath);
        Assert.DoesNotContain("hunter2", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_variables_and_files_are_errors_at_their_line()
    {
        var file = _files.Write("a.yaml", """
            component:
              user: ${env:NOT_SET_ANYWHERE}
              password: ${file:missing.txt}
              tagged: !Env ALSO_NOT_SET
              odd: ${vault:x}
              open: ${env:X
              other: !Secret x
            """);

        var error = Assert.Throws<ConfigurationException>(() => new ConfigurationLoader { Files = { file }, Environment = new Dictionary<string, string>() }.Load());

        Assert.Collection(error.Errors,
            e => Assert.Equal((2, "component.user", true), (e.Location.Line, e.KeyPath, e.Message.Contains("environment variable 'NOT_SET_ANYWHERE' is not set", StringComparison.Ordinal))),
            e => Assert.Equal((3, "component.password", true), (e.Location.Line, e.KeyPath, e.Message.Contains("missing.txt", StringComparison.Ordinal))),
            e => Assert.Equal((4, "component.tagged", true), (e.Location.Line, e.KeyPath, e.Message.Contains("ALSO_NOT_SET", StringComparison.Ordinal))),
            e => Assert.Equal((5, "component.odd", true), (e.Location.Line, e.KeyPath, e.Message.Contains("not a substitution Asphalt knows", StringComparison.Ordinal))),
            e => Assert.Equal((6, "component.open", true), (e.Location.Line, e.KeyPath, e.Message.Contains("is not closed", StringComparison.Ordinal))),
            e => Assert.Equal((7, "component.other", true), (e.Location.Line, e.KeyPath, e.Message.Contains("unknown tag '!Secret'", StringComparison.Ordinal))));
        Assert.All(error.Errors, e => Assert.Equal(file, e.Location.Source));
    }

    public void Dispose() => _files.Dispose();
}
