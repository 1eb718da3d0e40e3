using System.Text.Json.Nodes;
using Asphalt.Tests.Shared;

namespace Asphalt.Runtime.Tests;

/// <summary>
/// The feature switch <c>Asphalt.Telemetry.IsSupported</c> (MSBuild <c>AsphaltTelemetrySupport</c>), in a real
/// process: RunnerApp runs an application under a listener of every Asphalt span and measurement, once as
/// built (telemetry on by default) and once with the switch set false in its runtimeconfig, which is where
/// the MSBuild property puts it.
/// </summary>
public sealed class TelemetrySwitchTests : IDisposable
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(60);
    private readonly string _folder = Directory.CreateTempSubdirectory("asphalt-telemetry-switch-").FullName;

    [Fact]
    public async Task By_default_a_listener_receives_spans_and_measurements()
    {
        var (spans, measurements) = await RunAsync(runtimeConfig: null);

        Assert.True(spans > 0, "no span reached the listener");
        Assert.True(measurements > 0, "no measurement reached the listener");
    }

    [Fact]
    public async Task With_the_switch_off_a_listener_receives_no_span_and_no_measurement()
    {
        var (spans, measurements) = await RunAsync(RuntimeConfigWith("Asphalt.Telemetry.IsSupported", false));

        Assert.Equal((0, 0), (spans, measurements));
    }

    private async Task<(int Spans, int Measurements)> RunAsync(string? runtimeConfig)
    {
        var app = Path.Combine(AppContext.BaseDirectory, "RunnerApp.dll");
        string[] arguments = runtimeConfig is null ? ["exec", app, "telemetry"] : ["exec", "--runtimeconfig", runtimeConfig, app, "telemetry"];
        using var process = RealProcess.Start("dotnet", arguments);
        await process.WaitForExitAsync(Generous);

        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}; output:\n{process.Output}");
        var line = process.StandardOutput.Split('\n').Single(l => l.StartsWith("spans: ", StringComparison.Ordinal));
        var parts = line.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries); // spans: S measurements: M
        return (int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[3], System.Globalization.CultureInfo.InvariantCulture));
    }

    // RunnerApp's own runtimeconfig with one configProperty added, as the SDK writes a RuntimeHostConfigurationOption.
    private string RuntimeConfigWith(string name, bool value)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "RunnerApp.runtimeconfig.json")))!.AsObject();
        var options = config["runtimeOptions"]!.AsObject();
        if (options["configProperties"] is not JsonObject properties)
        {
            options["configProperties"] = properties = new JsonObject();
        }

        properties[name] = value;
        var path = Path.Combine(_folder, "RunnerApp.runtimeconfig.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
