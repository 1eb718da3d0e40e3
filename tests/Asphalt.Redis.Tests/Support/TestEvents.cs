using System.Text.Json.Serialization;

namespace Asphalt.Redis.Tests.Support;

public sealed record Note(string Text, int Number);

[JsonSerializable(typeof(Note))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
