using System.Text.Json.Serialization;

namespace Asphalt.Redis.Tests.Support;

public sealed record Note(string Text, int Number)
{
    /// <summary>Validated in the constructor, as event types often are: a negative number is refused.</summary>
    public int Number { get; } = Number >= 0 ? Number : throw new ArgumentOutOfRangeException(nameof(Number), Number, "must not be negative");
}

[JsonSerializable(typeof(Note))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
