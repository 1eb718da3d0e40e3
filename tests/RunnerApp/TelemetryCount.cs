using System.Diagnostics;
using System.Diagnostics.Metrics;
using Asphalt;

namespace RunnerApp;

/// <summary>Runs an application under listeners of Asphalt's spans and metrics and prints what they received.</summary>
public static class TelemetryCount
{
    public static async Task<int> RunAsync()
    {
        var spans = 0;
        var measurements = 0;
        using var activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AsphaltTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _ => Interlocked.Increment(ref spans),
        };
        ActivitySource.AddActivityListener(activities);
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == AsphaltTelemetry.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref measurements));
        meters.Start();

        var exitCode = await Application.RunAsync(new StoppingComponent(0));
        Console.WriteLine($"spans: {Volatile.Read(ref spans)}, measurements: {Volatile.Read(ref measurements)}");
        return exitCode;
    }
}
