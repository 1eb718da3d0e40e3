using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Asphalt.Redis;

/// <summary>
/// The message a bridge publishes: <c>{"origin":"&lt;instance id&gt;","event":{…}}</c>, the event
/// written by the source-generated <see cref="JsonTypeInfo{T}"/> (no reflection). The origin lets an
/// instance skip its own events when Redis echoes them back. A bridge that starts says
/// <c>{"origin":"…","hello":true}</c> so the others know someone listens.
/// </summary>
internal static class BridgeEnvelope
{
    private static readonly JsonEncodedText OriginName = JsonEncodedText.Encode("origin");
    private static readonly JsonEncodedText EventName = JsonEncodedText.Encode("event");
    private static readonly JsonEncodedText HelloName = JsonEncodedText.Encode("hello");

    /// <summary>How every message of <paramref name="origin"/> starts: its own echoes are recognized without parsing.</summary>
    public static byte[] Prefix(string origin) => Encoding.UTF8.GetBytes($"{{\"origin\":\"{origin}\",");

    public static byte[] Hello(string origin)
    {
        var output = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString(OriginName, origin);
            writer.WriteBoolean(HelloName, true);
            writer.WriteEndObject();
        }

        return output.WrittenSpan.ToArray();
    }

    public static void Write<TEvent>(IBufferWriter<byte> output, string origin, TEvent @event, JsonTypeInfo<TEvent> typeInfo)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WriteString(OriginName, origin);
        writer.WritePropertyName(EventName);
        JsonSerializer.Serialize(writer, @event, typeInfo);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Reads a message; false with the reason when it is neither an envelope of this event type nor a
    /// hello (<paramref name="hello"/> true: a hello and nothing else). A message that says hello and
    /// carries an event is an event: dropping the event would lose it without a word.
    /// </summary>
    public static bool TryRead<TEvent>(
        ReadOnlySpan<byte> message, JsonTypeInfo<TEvent> typeInfo, out string? origin, out TEvent? @event, out bool hello, out string? reason)
    {
        origin = null;
        @event = default;
        hello = false;
        var hasEvent = false;
        try
        {
            var reader = new Utf8JsonReader(message);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                reason = "not a JSON object";
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals(OriginName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    origin = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }
                else if (reader.ValueTextEquals(EventName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    @event = JsonSerializer.Deserialize(ref reader, typeInfo);
                    hasEvent = true;
                }
                else if (reader.ValueTextEquals(HelloName.EncodedUtf8Bytes))
                {
                    reader.Read();
                    hello = reader.TokenType == JsonTokenType.True;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
            {
                reason = "not a single JSON object";
                return false;
            }
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            // Foreign input: a JsonException, or whatever the event type's constructor or a converter
            // throws for a value it refuses. Either way the message is dropped with its reason.
            reason = error.Message;
            return false;
        }

        hello &= !hasEvent;
        reason = origin is null ? "no \"origin\" string"
            : hello ? null
            : !hasEvent ? "no \"event\""
            : @event is null ? "the event is null"
            : null;
        return reason is null;
    }
}
