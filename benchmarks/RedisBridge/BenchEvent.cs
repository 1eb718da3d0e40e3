using System.Text.Json.Serialization;

namespace RedisBridgeBenchmark;

/// <summary>The event both variants carry: when it was sent (Stopwatch ticks, one clock for every process on the machine), its number and some text.</summary>
public sealed record BenchEvent(long SentAt, int Number, string Text);

[JsonSerializable(typeof(BenchEvent))]
internal sealed partial class BenchJson : JsonSerializerContext;
