using System.Text;
using System.Text.Json;

namespace Asphalt.CommandLine;

/// <summary>A <see cref="WiringPlan"/> as JSON, written by hand with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class GraphJson
{
    public static string Write(WiringPlan plan)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("root", plan.RootType);
            json.WriteStartArray("components");
            foreach (var component in plan.Components)
            {
                json.WriteStartObject();
                json.WriteString("path", component.Path);
                json.WriteString("type", component.Type);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("resources");
            foreach (var resource in plan.Resources)
            {
                json.WriteStartObject();
                json.WriteString("type", resource.Type);
                json.WriteString("name", resource.Name);
                json.WriteBoolean("signal", resource.IsSignal);
                json.WriteString("provider", resource.Provider);
                json.WriteStartArray("consumers");
                foreach (var consumer in resource.Consumers)
                {
                    json.WriteStringValue(consumer);
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("startOrder");
            foreach (var stage in plan.StartStages)
            {
                json.WriteStartArray();
                foreach (var path in stage)
                {
                    json.WriteStringValue(path);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
