using System.Text;

namespace Asphalt.Configuration.Tests;

/// <summary>
/// Hostile configuration given to the real command line (a process, so a stack overflow fails the
/// test rather than killing the test host): every command exits 1 with the file and position,
/// within the process's 1 GiB heap (<see cref="WebNotifierProcess"/>).
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly TempFiles _files = new();

    public static TheoryData<string> Commands => new() { "check", "graph", "run" };

    // The process exits 1 with the limit named at the file's first line, never a stack overflow (rc 134).
    private static async Task AssertNestedTooDeepAtLineOneAsync(string command, string file)
    {
        var (code, _, error) = await WebNotifierProcess.RunAsync(command, "-c", file);

        Assert.True(code == 1, $"exit code {code}: {Tail(error)}");
        Assert.Contains($"{file}:1:", error, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64 levels", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_yaml_flow_value_nested_30000_levels_is_a_located_error(string command)
    {
        var file = _files.Write("deep.yaml", "junk: " + new string('[', 30_000) + new string(']', 30_000) + "\n");

        await AssertNestedTooDeepAtLineOneAsync(command, file);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_yaml_flow_value_nested_200000_levels_stops_before_the_yaml_scanner_does(string command)
    {
        var file = _files.Write("deeper.yaml", "junk: " + new string('[', 200_000) + new string(']', 200_000) + "\n");

        await AssertNestedTooDeepAtLineOneAsync(command, file);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_json_object_nested_30000_levels_is_a_located_error(string command)
    {
        var json = new StringBuilder("{\"component\": ");
        json.Insert(json.Length, "{\"a\": ", 30_000).Append('1').Append('}', 30_000).Append("}\n");
        var file = _files.Write("deep.json", json.ToString());

        await AssertNestedTooDeepAtLineOneAsync(command, file);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_set_key_of_40000_segments_is_an_error(string command)
    {
        var key = "component" + string.Concat(Enumerable.Repeat(".a", 40_000));

        var (code, _, error) = await WebNotifierProcess.RunAsync(command, "--set", key + "=1");

        Assert.True(code == 1, $"exit code {code}: {Tail(error)}");
        Assert.Contains("--set component.a.a.a", error, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64 levels", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_set_value_nested_30000_levels_is_an_error(string command)
    {
        var (code, _, error) = await WebNotifierProcess.RunAsync(command, "--set", "component.junk=" + new string('[', 30_000) + new string(']', 30_000));

        Assert.True(code == 1, $"exit code {code}: {Tail(error)}");
        Assert.Contains("--set component.junk=…", error, StringComparison.Ordinal);
        Assert.Contains("nested deeper than 64 levels", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task An_alias_bomb_is_an_error_at_the_alias_that_expands_too_far(string command)
    {
        // Billion laughs: 9^7 copies of "lol" from 415 bytes.
        var yaml = new StringBuilder("l0: &l0 \"lol\"\n");
        for (var level = 1; level <= 7; level++)
        {
            yaml.Append($"l{level}: &l{level} [").AppendJoin(", ", Enumerable.Repeat($"*l{level - 1}", 9)).Append("]\n");
        }

        var file = _files.Write("bomb.yaml", yaml.ToString());

        var (code, _, error) = await WebNotifierProcess.RunAsync(command, "-c", file);

        Assert.True(code == 1, $"exit code {code}: {Tail(error)}");
        Assert.Contains($"{file}:7:10: l6.0: aliases in this file expand to more than 100000 values", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task A_file_of_nothing_but_keys_up_to_the_size_limit_is_checked_within_the_heap_limit(string command)
    {
        // ~93,000 unknown top-level keys: each is reported, and the whole stays within the process's 1 GiB heap.
        var yaml = new StringBuilder();
        for (var i = 0; yaml.Length < (1024 * 1024) - 20; i++)
        {
            yaml.Append('k').Append(i).Append(": 1\n");
        }

        var file = _files.Write("wide.yaml", yaml.ToString());

        var (code, _, error) = await WebNotifierProcess.RunAsync(command, "-c", file);

        Assert.True(code == 1, $"exit code {code}: {Tail(error)}");
        Assert.Contains($"{file}:1:1: k0: unknown top-level key", error, StringComparison.Ordinal);
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;

    public void Dispose() => _files.Dispose();
}
