using Asphalt;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EchoServer;

/// <summary>
/// The sample's own switches, taken off the command line before Asphalt's parser sees it:
/// <c>--telemetry console</c> prints Asphalt's spans and metrics with OpenTelemetry's console
/// exporter, and <c>--log-format json</c> logs JSON lines whose scopes carry the component path.
/// </summary>
internal sealed class SampleSwitches : IDisposable
{
    private TracerProvider? _tracing;
    private MeterProvider? _metrics;
    private ILoggerFactory? _logging;

    private SampleSwitches(string[] remaining) => Remaining = remaining;

    /// <summary>The arguments for Asphalt's command line.</summary>
    public string[] Remaining { get; }

    /// <summary>Takes the sample's switches out of <paramref name="args"/> and sets up what they ask for.</summary>
    /// <exception cref="ArgumentException">A switch has no value or a value it does not know.</exception>
    public static SampleSwitches Parse(string[] args)
    {
        var remaining = new List<string>();
        string? telemetry = null, logFormat = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--telemetry":
                    telemetry = ValueOf(args, ++i, "--telemetry", "console");
                    break;
                case "--log-format":
                    logFormat = ValueOf(args, ++i, "--log-format", "json");
                    break;
                default:
                    remaining.Add(args[i]);
                    break;
            }
        }

        var switches = new SampleSwitches([.. remaining]);
        if (telemetry is not null)
        {
            // Asphalt's sources and meter: the signal source too, so dispatches show up as spans.
            switches._tracing = Sdk.CreateTracerProviderBuilder()
                .AddSource(AsphaltTelemetry.SourceName, AsphaltTelemetry.SignalSourceName)
                .AddConsoleExporter()
                .Build();
            switches._metrics = Sdk.CreateMeterProviderBuilder()
                .AddMeter(AsphaltTelemetry.MeterName)
                .AddConsoleExporter()
                .Build(); // Exported when disposed, at exit.
        }

        if (logFormat is not null)
        {
            switches._logging = LoggerFactory.Create(builder => builder.AddJsonConsole(json => json.IncludeScopes = true));
        }

        return switches;
    }

    /// <summary>Hands the JSON logging, if asked for, to the application.</summary>
    public void Configure(ApplicationOptions options)
    {
        if (_logging is not null)
        {
            options.LoggerFactory = _logging;
        }
    }

    /// <summary>Flushes: the metrics are exported and the log queue written out here.</summary>
    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
        _logging?.Dispose();
    }

    private static string ValueOf(string[] args, int index, string name, string expected) =>
        index < args.Length && args[index] == expected
            ? expected
            : throw new ArgumentException($"{name} takes one value: {expected}.");
}
