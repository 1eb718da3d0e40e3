using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Diagnostics;

/// <summary>The build-time checks of a bridged signal (<c>[Signal(..., Channel = ...)]</c>), each at the attribute.</summary>
public sealed class BridgeDiagnosticsTests
{
    private const string Usings = """
        using System;
        using System.Text.Json.Serialization;
        using Asphalt;
        namespace Demo;

        """;

    private const string Transport = """
        [Component("transport")]
        public sealed partial class TransportComponent { [Resource] public ISignalTransport Transport { get; } = null!; }

        """;

    private static async Task AssertSingleAsync(string source, string id, string locatedText, params string[] messageParts)
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + source);
        var diagnostic = Assert.Single(program.Wiring, d => d.Id == id);
        Assert.Equal(locatedText, diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan));
        var message = diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var part in messageParts)
        {
            Assert.Contains(part, message, StringComparison.Ordinal);
        }
    }

    private static string Bridged(string eventDeclaration, bool withContext = true, bool withTransport = true) => $$"""
        {{eventDeclaration}}
        {{(withContext ? "[JsonSerializable(typeof(Note))] internal sealed partial class NoteJson : JsonSerializerContext;" : "")}}
        {{(withTransport ? Transport : "")}}
        [Component("notes")]
        public sealed partial class NotesComponent
        {
            [Signal("notes", Channel = "demo:notes")]
            public Signal<Note> Notes { get; } = new("notes");
        }
        [Component("app"), {{(withTransport ? "ChildComponent<TransportComponent>(\"transport\"), " : "")}}ChildComponent<NotesComponent>("notes")]
        public sealed partial class App;
        """;

    [Fact]
    public async Task ASPH0001_a_bridge_in_a_tree_without_a_transport_is_reported_at_the_attribute()
    {
        await AssertSingleAsync(Bridged("public sealed record Note(string Text);", withTransport: false),
            "ASPH0001", "Signal(\"notes\", Channel = \"demo:notes\")",
            "'app/notes'", "ISignalTransport 'default'", "bridge of signal 'notes' to channel 'demo:notes'", "tree of 'App'");
    }

    [Fact]
    public async Task ASPH0021_a_bridged_event_without_a_json_context_names_the_type_and_the_fix()
    {
        await AssertSingleAsync(Bridged("public sealed record Note(string Text);", withContext: false),
            "ASPH0021", "Signal(\"notes\", Channel = \"demo:notes\")",
            "signal 'notes' is bridged to channel 'demo:notes'", "[JsonSerializable(typeof(Note))]", "JsonSerializerContext");
    }

    [Fact]
    public async Task ASPH0022_a_get_only_property_no_constructor_sets_is_named()
    {
        await AssertSingleAsync(Bridged("public sealed class Note { public string Text { get; } = \"\"; }"),
            "ASPH0022", "Signal(\"notes\", Channel = \"demo:notes\")",
            "event type 'Note'", "get-only property 'Text'", "arrive as its default");
    }

    [Fact]
    public async Task ASPH0022_a_delegate_member_is_named()
    {
        await AssertSingleAsync(Bridged("public sealed record Note(string Text) { public Action? Callback { get; set; } }"),
            "ASPH0022", "Signal(\"notes\", Channel = \"demo:notes\")",
            "member 'Callback'", "Action");
    }

    [Fact]
    public async Task ASPH0022_an_event_without_a_usable_constructor_is_reported()
    {
        await AssertSingleAsync(Bridged("public sealed class Note { public Note(string text) { Text = text; } public Note(int number) { Text = number.ToString(); } public string Text { get; set; } }"),
            "ASPH0022", "Signal(\"notes\", Channel = \"demo:notes\")",
            "no constructor System.Text.Json can use");
    }

    [Fact]
    public async Task A_record_with_constructor_set_and_computed_properties_is_accepted()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Usings + Bridged(
            "public sealed record Note(string Text, int Number) { public int Number { get; } = Number; public int Twice => Number * 2; }"));
        Assert.DoesNotContain(program.Wiring, d => d.Id is "ASPH0001" or "ASPH0021" or "ASPH0022");
    }
}
