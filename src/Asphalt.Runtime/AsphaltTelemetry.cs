using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;

namespace Asphalt;

/// <summary>
/// The names under which Asphalt reports traces and metrics, for OpenTelemetry or any
/// <see cref="ActivityListener"/> / <see cref="MeterListener"/>: nothing in Asphalt depends on an
/// OpenTelemetry package, and nothing is measured or allocated while nobody listens.
/// </summary>
/// <remarks>
/// <para><b>Spans</b> (<see cref="SourceName"/>): <c>asphalt.start</c> around the start of a
/// component tree, with one <c>asphalt.component</c> span per component nested as the tree is, each
/// holding an <c>asphalt.component.prepare</c> and an <c>asphalt.component.start</c> span for its two
/// steps; <c>asphalt.teardown</c> around a context's close, with one <c>asphalt.teardown.step</c>
/// span per callback or disposal. Tags: <c>asphalt.component.path</c>, <c>asphalt.component.type</c>,
/// <c>asphalt.teardown.step</c>.</para>
/// <para><b>Signal dispatch spans</b> are optional: they come from a source of their own,
/// <see cref="SignalSourceName"/>, so an operator turns them on by listening to it
/// (<c>AddSource("Asphalt.Signals")</c>). Tag: <c>asphalt.signal</c>.</para>
/// <para><b>Metrics</b> (<see cref="MeterName"/>): see the constants below.</para>
/// <para><b>Turning it off</b>: <c>&lt;AsphaltTelemetrySupport&gt;false&lt;/AsphaltTelemetrySupport&gt;</c> in the
/// application's project sets the feature switch <see cref="FeatureSwitchName"/>; no span is started and no
/// measurement recorded, whoever listens, and a trimmed or NativeAOT binary leaves the span code
/// (<see cref="Activity"/>, with its time-zone and date formatting) out. On by default.</para>
/// </remarks>
public static class AsphaltTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name: <c>Asphalt</c>.</summary>
    public const string SourceName = "Asphalt";

    /// <summary>The meter's name: <c>Asphalt</c>.</summary>
    public const string MeterName = "Asphalt";

    /// <summary>
    /// The feature switch (an <c>AppContext</c> switch, set from the MSBuild property <c>AsphaltTelemetrySupport</c>)
    /// that turns Asphalt's spans and metrics off when false: <c>Asphalt.Telemetry.IsSupported</c>.
    /// </summary>
    public const string FeatureSwitchName = "Asphalt.Telemetry.IsSupported";

    /// <summary>The optional source of one span per signal dispatch: <c>Asphalt.Signals</c>.</summary>
    public const string SignalSourceName = "Asphalt.Signals";

    /// <summary>Histogram, seconds, tags component path and type: how long each component took to start (prepare to started).</summary>
    public const string ComponentStartDuration = "asphalt.component.start.duration";

    /// <summary>Histogram, seconds, tags resource type and name, component path: how long a wait for a resource lasted.</summary>
    public const string ResourceWaitDuration = "asphalt.resource.wait.duration";

    /// <summary>Counter, tag signal: events dispatched.</summary>
    public const string SignalDispatches = "asphalt.signal.dispatches";

    /// <summary>Counter, tag signal: listeners that threw.</summary>
    public const string ListenerFailures = "asphalt.signal.listener.failures";

    /// <summary>Counter, tag signal: events dropped because a stream's queue was full.</summary>
    public const string DroppedStreamEvents = "asphalt.signal.stream.dropped";

    /// <summary>Counter, tags task and component path: service tasks and factory tasks that crashed.</summary>
    public const string TaskCrashes = "asphalt.task.crashes";

    /// <summary>Counter, tag teardown step: teardown callbacks or disposals that failed.</summary>
    public const string TeardownFailures = "asphalt.teardown.failures";

    internal const string ComponentPathTag = "asphalt.component.path";
    internal const string ComponentTypeTag = "asphalt.component.type";
    internal const string SignalTag = "asphalt.signal";
    internal const string TaskTag = "asphalt.task";
    internal const string TeardownStepTag = "asphalt.teardown.step";
    internal const string ResourceTypeTag = "asphalt.resource.type";
    internal const string ResourceNameTag = "asphalt.resource.name";

    /// <summary>
    /// Whether spans and metrics are on (the default). The trimmer and NativeAOT read the switch at build
    /// time and drop every branch it guards, which is what keeps <see cref="Activity"/> out of the binary.
    /// </summary>
    [FeatureSwitchDefinition(FeatureSwitchName)]
    internal static bool IsSupported { get; } = !AppContext.TryGetSwitch(FeatureSwitchName, out var isSupported) || isSupported;

    internal static readonly ActivitySource Source = new(SourceName);
    internal static readonly ActivitySource SignalSource = new(SignalSourceName);
    internal static readonly Meter Meter = new(MeterName);

    // Buckets in seconds, from a millisecond to a start timeout's worth: the SDK's defaults are for milliseconds.
    private static readonly InstrumentAdvice<double> SecondsBuckets = new()
    {
        HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    };

    internal static readonly Histogram<double> StartDuration =
        Meter.CreateHistogram(ComponentStartDuration, "s", "How long each component took to start, from prepare to started.", tags: null, advice: SecondsBuckets);

    internal static readonly Histogram<double> WaitDuration =
        Meter.CreateHistogram(ResourceWaitDuration, "s", "How long a wait for a resource lasted.", tags: null, advice: SecondsBuckets);

    internal static readonly Counter<long> Dispatches = Meter.CreateCounter<long>(SignalDispatches, "{event}", "Events dispatched by signals.");

    internal static readonly Counter<long> FailedListeners = Meter.CreateCounter<long>(ListenerFailures, "{listener}", "Signal listeners that threw.");

    internal static readonly Counter<long> DroppedEvents = Meter.CreateCounter<long>(DroppedStreamEvents, "{event}", "Events dropped because a stream's queue was full.");

    internal static readonly Counter<long> Crashes = Meter.CreateCounter<long>(TaskCrashes, "{task}", "Service tasks and factory tasks that ended with an exception.");

    internal static readonly Counter<long> FailedTeardowns = Meter.CreateCounter<long>(TeardownFailures, "{step}", "Teardown callbacks or disposals that failed.");

    /// <summary>Starts a span of <see cref="Source"/>, or returns null at the cost of one check when nobody listens.</summary>
    internal static Activity? StartActivity(string name, string? pathTag = null, string? typeTag = null)
    {
        if (!IsSupported || !Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(name, ActivityKind.Internal);
        if (activity is not null && pathTag is not null)
        {
            activity.DisplayName = $"{name} {pathTag}";
            activity.SetTag(ComponentPathTag, pathTag);
            if (typeTag is not null)
            {
                activity.SetTag(ComponentTypeTag, typeTag);
            }
        }

        return activity;
    }

    /// <summary>A span about one component, tagged with its path and type.</summary>
    internal static Activity? StartComponentActivity(string name, ComponentNode node) =>
        IsSupported && Source.HasListeners() ? StartActivity(name, node.Path, node.ComponentType) : null;

    internal static void RecordStartDuration(ComponentNode node, TimeSpan elapsed)
    {
        if (IsSupported)
        {
            StartDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(ComponentPathTag, node.Path),
                new KeyValuePair<string, object?>(ComponentTypeTag, node.ComponentType));
        }
    }

    /// <summary>A span about one teardown step, tagged with what it does and whose it is.</summary>
    internal static Activity? StartTeardownActivity(string description, string? owner)
    {
        var activity = StartActivity("asphalt.teardown.step");
        if (activity is not null)
        {
            activity.DisplayName = $"asphalt.teardown.step {description}";
            activity.SetTag(TeardownStepTag, description);
            activity.SetTag(ComponentPathTag, owner);
        }

        return activity;
    }

    internal static void CountTeardownFailure(string description, string? owner)
    {
        if (IsSupported && FailedTeardowns.Enabled)
        {
            FailedTeardowns.Add(1, new KeyValuePair<string, object?>(TeardownStepTag, description), new KeyValuePair<string, object?>(ComponentPathTag, owner));
        }
    }

    /// <summary>Whether dispatches are counted or traced: one check on the dispatch path when nobody listens.</summary>
    internal static bool SignalsObserved => IsSupported && (Dispatches.Enabled || SignalSource.HasListeners());

    /// <summary>A span of the optional <see cref="SignalSourceName"/> source around one dispatch.</summary>
    internal static Activity? StartSignalActivity(string signal)
    {
        if (!IsSupported || !SignalSource.HasListeners())
        {
            return null;
        }

        var activity = SignalSource.StartActivity("asphalt.signal.dispatch", ActivityKind.Internal);
        if (activity is not null)
        {
            activity.DisplayName = $"asphalt.signal.dispatch {signal}";
            activity.SetTag(SignalTag, signal);
        }

        return activity;
    }

    internal static void RecordWait(ResourceKey key, string? component, TimeSpan elapsed)
    {
        if (IsSupported)
        {
            WaitDuration.Record(
                elapsed.TotalSeconds,
                new KeyValuePair<string, object?>(ResourceTypeTag, TypeNames.Display(key.Type)),
                new KeyValuePair<string, object?>(ResourceNameTag, key.Name),
                new KeyValuePair<string, object?>(ComponentPathTag, component));
        }
    }

    /// <summary>
    /// Marks a span failed with the exception's type. Not its message: spans leave the process unredacted
    /// (any listener, any exporter), and a message may quote a secret (a connection string, say); the
    /// log line of the same failure is redacted and has the whole text.
    /// </summary>
    internal static void Fail(Activity? activity, Exception error)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error);
        activity.SetTag("error.type", error.GetType().FullName);
    }

    internal static void CountSignal(Counter<long> counter, string signal)
    {
        // Enabled is one field read: a dispatch nobody measures costs nothing more.
        if (IsSupported && counter.Enabled)
        {
            counter.Add(1, new KeyValuePair<string, object?>(SignalTag, signal));
        }
    }

    internal static void CountTaskCrash(string task, string? component)
    {
        if (IsSupported && Crashes.Enabled)
        {
            Crashes.Add(1, new KeyValuePair<string, object?>(TaskTag, task), new KeyValuePair<string, object?>(ComponentPathTag, component));
        }
    }
}
