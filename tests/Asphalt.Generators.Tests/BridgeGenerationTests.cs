using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests;

/// <summary>
/// <c>[Signal(..., Channel = ...)]</c>: the generated start bridges the signal through the tree's
/// <c>ISignalTransport</c> with the event's source-generated metadata, and the bridge stops at teardown
/// before the transport's component tears down.
/// </summary>
public sealed class BridgeGenerationTests
{
    // The test compilation does not run System.Text.Json's generator, so the context is written the
    // way that generator writes one: GetTypeInfo answers for the serializable type, without reflection.
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using System.Text.Json.Serialization.Metadata;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        namespace Demo;

        public sealed record Note(string Text);

        [JsonSerializable(typeof(Note))]
        public sealed class NoteJson : JsonSerializerContext
        {
            public NoteJson() : base(null) { }
            public static NoteJson Default { get; } = new();
            protected override JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override JsonTypeInfo? GetTypeInfo(Type type) => type == typeof(Note) ? JsonTypeInfo.CreateJsonTypeInfo<Note>(Options) : null;
        }

        public sealed class Log { public List<string> Lines { get; } = new(); }

        /// <summary>A transport that writes down what it is asked to do.</summary>
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
            [Signal("notes", Channel = "demo:notes")]
            public Signal<Note> Notes { get; } = new("notes");
        }

        [Component("app"), ChildComponent<TransportComponent>("transport"), ChildComponent<NotesComponent>("notes")]
        public sealed partial class App
        {
            public void StartAsync(Log log) => log.Lines.Add("app started");
        }

        public static class Scenario
        {
            public static async Task<string[]> RunAsync()
            {
                var context = new Context();
                await context.StartComponentAsync(App.Create(), TimeSpan.FromSeconds(30));
                var log = context.GetResource<Log>();
                log.Lines.Add("started");
                await context.CloseAsync();
                return log.Lines.ToArray();
            }
        }
        """;

    [Fact]
    public async Task A_bridged_signal_generates_the_typed_bridge_call_in_start()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Source);
        program.AssertClean();
        Snapshot.Verify("Bridge", program.Generated.Sources.Where(s => s.HintName.StartsWith("Demo_NotesComponent", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_bridge_starts_with_the_events_metadata_and_stops_before_the_transport_tears_down()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Source);
        var lines = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Demo.Scenario", "RunAsync");
        Assert.Equal(["bridge notes to demo:notes as Note", "app started", "started", "stop bridge to demo:notes", "transport closed"], lines);
    }

    [Fact]
    public async Task The_graph_shows_the_bridge_taking_the_transport()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Source);
        var wiring = program.Generated.Sources.Single(s => s.HintName.EndsWith("Wiring.g.cs", StringComparison.Ordinal)).Text;
        Assert.Contains("ISignalTransport", wiring, StringComparison.Ordinal);
        Assert.Matches("app/notes[^\\n]*ISignalTransport|ISignalTransport[^\\n]*app/notes", wiring);
    }
}
