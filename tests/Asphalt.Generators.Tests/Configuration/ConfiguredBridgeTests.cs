using System.Reflection;
using Asphalt.Configuration;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Generators.Tests.Configuration;

/// <summary>
/// <c>bridges: { signal: channel }</c> on the section of the component that publishes the signal: checked at
/// build time (the app's YAML) and on the command line by the same shared reader, with the same messages at
/// the same key; the generated start bridges the signal through a typed starter.
/// </summary>
public sealed class ConfiguredBridgeTests
{
    // The test compilation does not run System.Text.Json's generator, so the context is written the
    // way that generator writes one (as in BridgeGenerationTests).
    private const string Components = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        using Microsoft.Extensions.Configuration;
        namespace Bridged;

        public sealed record Note(string Text);
        public sealed record Raw(string Text);

        [JsonSerializable(typeof(Note))]
        public sealed class NoteJson : JsonSerializerContext
        {
            public NoteJson() : base(null) { }
            public static NoteJson Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => type == typeof(Note) ? JsonTypeInfo.CreateJsonTypeInfo<Note>(Options) : null;
        }

        public sealed class Log { public List<string> Lines { get; } = new(); }

        public sealed class RecordingTransport(Log log) : ISignalTransport
        {
            public ValueTask<IAsyncDisposable> BridgeAsync<TEvent>(Signal<TEvent> signal, string channel, JsonTypeInfo<TEvent> eventType, CancellationToken cancellationToken)
            {
                log.Lines.Add($"bridge {signal.Name} to {channel} as {eventType.Type.Name}");
                return new ValueTask<IAsyncDisposable>(new Stop(log, channel));
            }

            private sealed class Stop(Log log, string channel) : IAsyncDisposable
            {
                public ValueTask DisposeAsync() { log.Lines.Add("stop bridge to " + channel); return default; }
            }
        }

        [Component("transport")]
        public sealed partial class TransportComponent
        {
            [Resource] public Log Log { get; } = new();
            [Resource] public ISignalTransport Transport { get; private set; } = null!;

            public void StartAsync(Context context)
            {
                Transport = new RecordingTransport(Log);
                context.AddTeardown(() => Log.Lines.Add("transport closed"), "close the transport");
            }
        }

        [Component("notes")]
        public sealed partial class NotesComponent
        {
            [Signal("notes")] public Signal<Note> Notes { get; } = new("notes");
            [Signal("raw")] public Signal<Raw> Raw { get; } = new("raw");
        }

        [Component("app"), ChildComponent<NotesComponent>("notes")]
        public sealed partial class App : CliApplicationComponent { public int RunAsync() => 0; }

        /// <summary>A plain parent for components created by hand.</summary>
        public sealed class Holder : Component { }

        public static class Scenario
        {
            public static async Task<string[]> RunAsync(Component root)
            {
                var context = new Context();
                await context.StartComponentAsync(root, TimeSpan.FromSeconds(30));
                var log = context.GetResource<Log>();
                log.Lines.Add("started");
                await context.CloseAsync();
                return log.Lines.ToArray();
            }
        }
        """;

    private const string Transport = "    transport:\n";

    private static readonly Lazy<Task<Assembly>> Built = new(() => GeneratorHarness.BuildAndLoadAsync(Components));

    /// <summary>name, yaml, the line of the key the message is at (1-based), the message (null: valid).</summary>
    public static TheoryData<string, string, int, string?> Cases => new()
    {
        { "a bridge of a signal with metadata, a transport in the tree", "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        notes: demo:notes\n", 0, null },
        { "an unknown signal, with a did-you-mean",
            "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        note: demo:notes\n", 6,
            "component 'app/notes' (Bridged.NotesComponent) publishes no signal 'note' (did you mean 'notes'?); its signals are 'notes', 'raw'" },
        { "a component that publishes no signal",
            "component:\n  components:\n    transport:\n      bridges:\n        notes: demo:notes\n", 5,
            "component 'app/transport' (Bridged.TransportComponent) publishes no signal 'notes'; it publishes no signal: write 'bridges:' on the component that publishes the signal" },
        { "an empty channel",
            "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        notes: ''\n", 6,
            "signal 'notes' must be bridged to a channel name (the same on every process that bridges it), not empty" },
        { "bridges written as a list",
            "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        - notes\n", 5,
            "'bridges' must be a mapping of the component's signal names to channels ('bridges: { messages: chat:messages }'), not a list" },
        { "no transport in the tree",
            "component:\n  components:\n    notes:\n      bridges:\n        notes: demo:notes\n", 5,
            "component 'app/notes' (Bridged.NotesComponent) bridges signal 'notes' to channel 'demo:notes' through the Asphalt.ISignalTransport 'default', which no component in the configured tree publishes; add a component that publishes it under 'components:' (Asphalt.Redis's 'redis' component does)" },
        { "an event type without JSON metadata",
            "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        raw: demo:raw\n", 6,
            "Component 'Bridged.NotesComponent': signal 'raw' is bridged to channel 'demo:raw', but no JsonSerializerContext in this assembly has [JsonSerializable(typeof(Bridged.Raw))]; add one, e.g. '[JsonSerializable(typeof(Bridged.Raw))] internal sealed partial class EventJsonContext : JsonSerializerContext;'" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_build_and_the_command_line_check_bridges_alike_at_the_key(string name, string yaml, int line, string? message)
    {
        var assembly = await Built.Value;
        var program = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", yaml)], Components);
        var builtDiagnostics = program.Wiring.Where(d => d.Location.GetLineSpan().Path == "app.yaml").ToList();
        var built = builtDiagnostics.Select(d => d.GetMessage()).ToList();

        var loaded = Load(yaml);
        var types = Types(assembly);
        var commandLineErrors = ComponentTree.Check(loaded, types, "app");
        var commandLine = commandLineErrors.Select(e => e.Message).ToList();

        string? createError = null;
        try
        {
            assembly.GetType("Bridged.App", throwOnError: true)!.GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [loaded.Component]);
        }
        catch (TargetInvocationException failure)
        {
            createError = failure.InnerException!.Message;
        }

        if (message is null)
        {
            Assert.True(built.Count == 0, name + ": " + string.Join("\n", built));
            Assert.True(commandLine.Count == 0, name + ": " + string.Join("\n", commandLine));
            Assert.True(createError is null, name + ": " + createError);
            return;
        }

        var diagnostic = Assert.Single(builtDiagnostics);
        Assert.EndsWith(message, diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Equal(line, diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1);
        var error = Assert.Single(commandLineErrors);
        Assert.Equal(message, error.Message);
        Assert.Equal(line, error.Location.Line);
    }

    [Fact]
    public async Task An_event_type_without_metadata_is_ASPH0021_and_an_unknown_signal_ASPH0017()
    {
        var raw = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        raw: demo:raw\n")], Components);
        Assert.Equal("ASPH0021", Assert.Single(raw.Wiring, d => d.Location.GetLineSpan().Path == "app.yaml").Id);
        var unknown = await GeneratorHarness.AnalyzeAsync([new ConfigurationFile("app.yaml", "component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        nots: demo:notes\n")], Components);
        Assert.Equal("ASPH0017", Assert.Single(unknown.Wiring, d => d.Location.GetLineSpan().Path == "app.yaml").Id);
    }

    [Fact]
    public async Task A_configured_bridge_takes_the_transport_in_the_graph_and_the_start_order()
    {
        var assembly = await Built.Value;
        var plan = ComponentTree.Plan(Load("component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        notes: demo:notes\n"), Types(assembly), "app");
        var transport = Assert.Single(plan.Resources, r => r.Type == "Asphalt.ISignalTransport");
        Assert.Equal("app/transport", transport.Provider);
        Assert.Contains("app/notes", transport.Consumers);
        var stages = plan.StartStages.Select(s => s.ToList()).ToList();
        Assert.True(stages.FindIndex(s => s.Contains("app/transport")) < stages.FindIndex(s => s.Contains("app/notes")), string.Join(" | ", stages.Select(s => string.Join(",", s))));
    }

    [Fact]
    public async Task The_generated_start_bridges_the_configured_signal_and_stops_it_before_the_transport()
    {
        var assembly = await Built.Value;
        var loaded = Load("component:\n  components:\n" + Transport + "    notes:\n      bridges:\n        notes: demo:notes\n");
        var root = Assert.IsAssignableFrom<Component>(ComponentTree.Build(loaded, Types(assembly), "app"));
        var lines = await Run(assembly, root);
        Assert.Equal(["bridge notes to demo:notes as Note", "started", "stop bridge to demo:notes", "transport closed"], lines);
    }

    [Fact]
    public async Task Without_bridges_the_component_takes_no_transport()
    {
        var assembly = await Built.Value;
        var loaded = Load("component:\n  components:\n" + Transport);
        var lines = await Run(assembly, ComponentTree.Build(loaded, Types(assembly), "app"));
        Assert.Equal(["started", "transport closed"], lines);
    }

    [Fact]
    public async Task A_signal_without_metadata_named_in_a_section_given_to_Create_by_hand_fails_its_start_naming_signal_type_and_fix()
    {
        var assembly = await Built.Value;
        var section = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["notes:bridges:raw"] = "demo:raw",
        }).Build().GetSection("notes");
        var notes = (Component)assembly.GetType("Bridged.NotesComponent", throwOnError: true)!.GetMethod("Create", [typeof(IConfiguration)])!.Invoke(null, [section])!;
        var transport = (Component)assembly.GetType("Bridged.TransportComponent", throwOnError: true)!.GetMethod("Create", Type.EmptyTypes)!.Invoke(null, null)!;
        var root = (Component)Activator.CreateInstance(assembly.GetType("Bridged.Holder", throwOnError: true)!)!;
        root.AddComponent("transport", transport);
        root.AddComponent("notes", notes);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Run(assembly, root));
        var text = failure.ToString();
        Assert.Contains("signal 'raw' is bridged to channel 'demo:raw', but no JsonSerializerContext in this assembly has [JsonSerializable(typeof(Bridged.Raw))]; add one", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_starter_is_generated_for_signals_with_metadata_only()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Components);
        program.AssertClean();
        Snapshot.Verify("ConfiguredBridge", program.Generated.Sources.Where(s => s.HintName.StartsWith("Bridged_NotesComponent", StringComparison.Ordinal)));
    }

    private static async Task<string[]> Run(Assembly assembly, Component root)
    {
        var run = (Task<string[]>)assembly.GetType("Bridged.Scenario", throwOnError: true)!.GetMethod("RunAsync")!.Invoke(null, [root])!;
        return await run;
    }

    private static ComponentTypes Types(Assembly assembly) =>
        (ComponentTypes)assembly.GetType("Asphalt.Generated.ComponentRegistry", throwOnError: true)!.GetMethod("CreateTypes")!.Invoke(null, null)!;

    private static LoadedConfiguration Load(string yaml)
    {
        var path = Path.Combine(Path.GetTempPath(), $"asphalt-bridges-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, yaml);
        try
        {
            var loader = new ConfigurationLoader { Environment = new Dictionary<string, string>() };
            loader.Files.Add(path);
            return loader.Load();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
