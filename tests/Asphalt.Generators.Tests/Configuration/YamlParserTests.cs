using Asphalt.Generators.Configuration;
using Microsoft.CodeAnalysis.CSharp;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>The configuration YAML reader: what it reads, and that no input makes it throw anything but YamlException.</summary>
public sealed class YamlParserTests
{
    private static YamlMapping Map(string yaml) => Assert.IsType<YamlMapping>(YamlParser.Parse(yaml));

    private static string? Scalar(YamlNode node) => Assert.IsType<YamlScalar>(node).Value;

    [Fact]
    public void Reads_block_and_flow_collections_quoted_and_block_scalars()
    {
        var root = Map("""
            a: plain text  # comment
            b: 'it''s'
            c: "tab\tand \u00e9"
            d: [1, "two", {x: y}]
            e:
              - first
              - k: v
                k2: v2
            f: |
              line one
              line two
            g: >-
              folded
              text
            h:
            i: ~
            j: long plain
              continued
            """);
        Assert.Equal("plain text", Scalar(root.Find("a")!.Value));
        Assert.Equal("it's", Scalar(root.Find("b")!.Value));
        Assert.Equal("tab\tand é", Scalar(root.Find("c")!.Value));
        var d = Assert.IsType<YamlSequence>(root.Find("d")!.Value);
        Assert.Equal(3, d.Items.Count);
        Assert.Equal("y", Scalar(Assert.IsType<YamlMapping>(d.Items[2]).Find("x")!.Value));
        var e = Assert.IsType<YamlSequence>(root.Find("E")!.Value);
        Assert.Equal("v2", Scalar(Assert.IsType<YamlMapping>(e.Items[1]).Find("k2")!.Value));
        Assert.Equal("line one\nline two\n", Scalar(root.Find("f")!.Value));
        Assert.Equal("folded text", Scalar(root.Find("g")!.Value));
        Assert.Null(Scalar(root.Find("h")!.Value));
        Assert.Null(Scalar(root.Find("i")!.Value));
        Assert.Equal("long plain continued", Scalar(root.Find("j")!.Value));
    }

    [Fact]
    public void Reads_json_anchors_aliases_merge_keys_and_tags()
    {
        var json = Map("{\n\t\"a\": {\"b\": [1, 2]},\n\t\"c\":true\n}");
        Assert.Equal("true", Scalar(json.Find("c")!.Value));

        var root = Map("""
            base: &smtp
              host: mail
              port: 25
            mailer:
              <<: *smtp
              port: 587
            password: !Env SMTP_PASSWORD
            """);
        var mailer = Assert.IsType<YamlMapping>(root.Find("mailer")!.Value);
        Assert.Equal("587", Scalar(mailer.Find("port")!.Value));
        Assert.Equal("mail", Scalar(mailer.Find("host")!.Value));
        var password = Assert.IsType<YamlScalar>(root.Find("password")!.Value);
        Assert.Equal("!Env", password.Tag);
        Assert.True(password.IsSubstituted);
    }

    [Fact]
    public void Records_where_keys_and_values_are()
    {
        const string yaml = "component:\n  web:\n    port: 80\n";
        var port = Assert.IsType<YamlMapping>(Assert.IsType<YamlMapping>(Map(yaml).Find("component")!.Value).Find("web")!.Value).Entries[0];
        Assert.Equal(yaml.IndexOf("port", StringComparison.Ordinal), port.KeyStart);
        Assert.Equal(yaml.IndexOf("80", StringComparison.Ordinal), port.Value.Start);
        Assert.Equal(yaml.IndexOf("80", StringComparison.Ordinal) + 2, port.Value.End);
    }

    [Fact]
    public void Every_prefix_of_a_file_reads_or_fails_with_a_position_never_another_exception()
    {
        var text = ConfigurationDiagnosticsTests.ValidYaml + "\nx: {a: [1, \"q\\\"\", 'r'], b: &a c}\ny: *a\nz: >+\n  t\n\n";
        var schema = ConfigurationSchema.From([], CancellationToken.None);
        for (var length = 0; length <= text.Length; length++)
        {
            var prefix = text.Substring(0, length);
            try
            {
                YamlParser.Parse(prefix);
            }
            catch (YamlException failure)
            {
                Assert.InRange(failure.Position, 0, prefix.Length);
            }

            // The checker turns a parse failure into ASPH0011 and never throws either.
            ConfigurationChecker.Check(prefix, schema, "app");
        }
    }

    [Fact]
    public void Mutated_files_read_or_fail_with_a_position_never_another_exception()
    {
        // Deterministic: the same mutations on every run.
        var random = new Random(20261124);
        const string Indicators = ":-?[]{},#&*!|>'\"%@` \t\n\\";
        var schema = SchemaOfTestComponents();
        var text = ConfigurationDiagnosticsTests.ValidYaml;
        Assert.Empty(ConfigurationChecker.Check(text, schema, null));
        for (var round = 0; round < 3000; round++)
        {
            var chars = text.ToCharArray();
            for (var edits = random.Next(1, 4); edits > 0; edits--)
            {
                chars[random.Next(chars.Length)] = Indicators[random.Next(Indicators.Length)];
            }

            var mutated = new string(chars);
            try
            {
                YamlParser.Parse(mutated);
            }
            catch (YamlException failure)
            {
                Assert.InRange(failure.Position, 0, mutated.Length);
            }

            ConfigurationChecker.Check(mutated, schema, "app");
        }
    }

    /// <summary>The schema of ConfigurationDiagnosticsTests' components, from the generator's own parser.</summary>
    private static ConfigurationSchema SchemaOfTestComponents()
    {
        var compilation = Harness.GeneratorHarness.Compile(ConfigurationDiagnosticsTests.Components);
        var models = compilation.SyntaxTrees
            .SelectMany(t => t.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>()
                .Select(c => compilation.GetSemanticModel(t).GetDeclaredSymbol(c)!))
            .Select(type => Asphalt.Generators.Components.ComponentGenerator.Parser.Parse(type, null, CancellationToken.None))
            .Where(m => m is not null)
            .Select(m => m!)
            .ToList();
        Assert.Equal(6, models.Count);
        return ConfigurationSchema.From(models, CancellationToken.None);
    }
}
