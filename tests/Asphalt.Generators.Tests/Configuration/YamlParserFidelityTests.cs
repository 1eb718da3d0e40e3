using System.Globalization;
using Asphalt.Configuration;
using Asphalt.Generators.Configuration;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>
/// The build reads configuration with its own small YAML reader, the runtime with YamlDotNet: both must
/// see the same keys and values, or the build would judge a different file than the one that runs.
/// </summary>
public sealed class YamlParserFidelityTests
{
    public static TheoryData<string> Documents() => new()
    {
        "a: 1\nb: two words  # comment\nc: 'single ''quoted'''\nd: \"double \\\"quoted\\\" \\u00e9\\ttab\"\n",
        "component:\n  components:\n    web:\n      port: 8080\n      tags: [a, b, 'c d']\n    store/backup: {path: b.db, size: 3}\n",
        "list:\n- one\n- two\nnested:\n  - k: v\n    k2: v2\n  - - inner\n    - inner2\n",
        "text: |\n  line one\n   indented\n  line three\nfolded: >\n  a\n  b\n\n  c\nstrip: |-\n  x\n\nkeep: |+\n  y\n\nafter: z\n",
        "plain: this is\n  continued here\n  and here\nurl: http://example.org:8080/path?q=1#frag\ntime: 12:30:00\n",
        "{\n  \"component\": {\n    \"port\": 8080,\n    \"hosts\": [\"a\", \"b\"],\n    \"nested\": {\"x\": true, \"y\": null}\n  }\n}\n",
        "base: &defaults\n  host: mail\n  port: 25\nmailer:\n  <<: *defaults\n  port: 587\ncopy: *defaults\n",
        "---\nempty_list: []\nempty_map: {}\ntilde: ~\nquoted_empty: ''\nspaces: '  padded  '\n...\n",
        "k: \"multi\n  line\n\n  quoted\"\nj: 'single\n  folded'\n",
        "weird keys:\n  'quoted key': 1\n  \"dq key\": 2\n  key with spaces: 3\n  dash-key: 4\n  slash/key: 5\n",
        "numbers: [1, -2, 3.5, 1e3, 0x1F, 007]\nbools: [true, False, yes, no]\nflow: {a: [1, {b: c}], d: 'e, f'}\n",
        "a:\r\n  b: 1\r\n  c: [x, y]\r\nd: text\r\n",
        "# leading comment\n\ncomponent:   # trailing\n\n  # between\n  type: app\n\n  components:\n    x: {}   \n",
        "%YAML 1.2\n---\nstr: !!str 123\nanchored: &v value\nagain: *v\nitems:\n  - &first {a: 1}\n  - *first\n",
        "parent:\n  items:\n  - a\n  - b\n  after: c\nlast:\n- x: 1\n  y: 2\n- z\n",
        "json_like: {\"a\":1, \"b\":[true,false], \"c\":\"x\"}\nempty_in_flow: [a, , b]\n".Replace(", , b", ", b", StringComparison.Ordinal),
        "indicator_text: a-b_c.d@e\ncolon_inside: a:b\nhash_inside: a#b\nsingle: '#not comment'\n",
    };

    [Theory]
    [MemberData(nameof(Documents))]
    public void Reads_the_same_keys_and_values_as_the_runtime(string yaml) =>
        Assert.Equal(Runtime(yaml), Build(yaml));

    [Theory]
    [InlineData("component:\n  components:\n    web:\n      port: 1\n     bad: 2\n")]
    [InlineData("component: {components: {web: {port: 1}}\n")]
    [InlineData("a: [1, 2\n")]
    [InlineData("component:\n\tweb: 1\n")]
    [InlineData("a: b: c\n")]
    [InlineData("a: *nothing\n")]
    [InlineData("a: \"\\q\"\n")]
    [InlineData("a: 1\nA: 2\n")]
    [InlineData("a: 1\n---\nb: 2\n")]
    [InlineData("a: 'open\n")]
    public void Rejects_what_the_runtime_rejects(string yaml)
    {
        Assert.ThrowsAny<ConfigurationException>(() => Runtime(yaml));
        Assert.Throws<YamlException>(() => Build(yaml));
    }

    /// <summary>Documents nested exactly to the limit (64 keys on the deepest path), and one level more.</summary>
    public static TheoryData<string, bool> Nesting()
    {
        const int limit = 64; // docs/configuration.md, "Limits"
        string Block(int levels) => string.Concat(Enumerable.Range(0, levels).Select(i => new string(' ', 2 * i) + "k:" + (i == levels - 1 ? " 1\n" : "\n")));
        string Flow(int levels) => "junk: " + new string('[', levels - 1) + "x" + new string(']', levels - 1) + "\n";
        string Json(int levels) => string.Concat(Enumerable.Repeat("{\"a\": ", levels)) + "1" + new string('}', levels) + "\n";
        string Items(int levels) => "items:\n" + string.Concat(Enumerable.Range(0, levels - 1).Select(i => new string(' ', 2 * i) + "-" + (i == levels - 2 ? " x\n" : "\n")));
        string Aliased(int levels) => "anchor: &deep " + new string('[', levels - 2) + "x" + new string(']', levels - 2) + "\nuse:\n  copy: *deep\n";
        return new()
        {
            { Block(limit), true }, { Block(limit + 1), false },
            { Flow(limit), true }, { Flow(limit + 1), false },
            { Json(limit), true }, { Json(limit + 1), false },
            { Items(limit), true }, { Items(limit + 1), false },
            { Aliased(limit), true }, { Aliased(limit + 1), false },
        };
    }

    [Theory]
    [MemberData(nameof(Nesting))]
    public void Both_readers_accept_nesting_up_to_the_same_limit_and_name_it_past_it(string yaml, bool accepted)
    {
        if (accepted)
        {
            Assert.Equal(Runtime(yaml), Build(yaml));
            return;
        }

        var runtime = Assert.ThrowsAny<ConfigurationException>(() => Runtime(yaml));
        var build = Assert.Throws<YamlException>(() => Build(yaml));
        Assert.Equal("the configuration is nested deeper than 64 levels (the limit); flatten it", build.Message);
        Assert.Equal(build.Message, Assert.Single(runtime.Errors).Message);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Both_readers_bound_alias_copies_at_the_same_count(bool oneCopyTooMany)
    {
        // 100 copies of a list of 999 scalars (1000 values with the list) reach the limit exactly; one more scalar passes it.
        var yaml = new System.Text.StringBuilder("list: &list [").AppendJoin(", ", Enumerable.Repeat("x", 999)).Append("]\none: &one y\ncopies:\n")
            .ToString();
        yaml += string.Concat(Enumerable.Repeat("- *list\n", 100)) + (oneCopyTooMany ? "- *one\n" : "");

        if (!oneCopyTooMany)
        {
            Assert.Equal(Runtime(yaml), Build(yaml));
            return;
        }

        var runtime = Assert.ThrowsAny<ConfigurationException>(() => Runtime(yaml));
        var build = Assert.Throws<YamlException>(() => Build(yaml));
        Assert.StartsWith("aliases in this file expand to more than 100000 values (the limit)", build.Message, StringComparison.Ordinal);
        Assert.Equal(build.Message, Assert.Single(runtime.Errors).Message);
    }

    [Theory]
    [InlineData("samples/WebNotifier/config.yaml")]
    [InlineData("samples/EchoServer/client.yaml")]
    public void Reads_the_samples_as_the_runtime_does(string file)
    {
        var yaml = File.ReadAllText(Path.Combine(RepoRoot(), file));
        Assert.Equal(Runtime(yaml), Build(yaml));
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Asphalt.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Asphalt.sln not found");
    }

    /// <summary>The runtime's flattened keys with a value, as IConfiguration serves them.</summary>
    private static List<string> Runtime(string yaml)
    {
        var file = Path.Combine(Path.GetTempPath(), "asphalt-fidelity-" + Guid.NewGuid().ToString("N") + ".yaml");
        File.WriteAllText(file, yaml);
        try
        {
            var loaded = new ConfigurationLoader { Files = { file }, Environment = new Dictionary<string, string>() }.Load();
            return Sorted(loaded.Configuration.AsEnumerable().Where(p => p.Value is not null).Select(p => p.Key + "=" + p.Value));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The build's reader, flattened the same way (mappings by key, lists by index).</summary>
    private static List<string> Build(string yaml)
    {
        var pairs = new List<string>();
        Flatten(YamlParser.Parse(yaml), "", pairs);
        return Sorted(pairs);
    }

    private static void Flatten(YamlNode? node, string path, List<string> pairs)
    {
        switch (node)
        {
            case YamlMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    Flatten(entry.Value, path.Length == 0 ? entry.Key : path + ":" + entry.Key, pairs);
                }

                break;
            case YamlSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    Flatten(sequence.Items[i], path + ":" + i.ToString(CultureInfo.InvariantCulture), pairs);
                }

                break;
            case YamlScalar { Value: { } value }:
                pairs.Add(path + "=" + value);
                break;
        }
    }

    private static List<string> Sorted(IEnumerable<string> pairs) =>
        pairs.Select(p => p.Replace("\r", "", StringComparison.Ordinal)).OrderBy(p => p.ToUpperInvariant(), StringComparer.Ordinal).ToList();
}
