using System.Diagnostics;
using Asphalt.Runtime.Tests.Support;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Asphalt.Runtime.Tests;

/// <summary>Tests that see every span and metric of the process: no other test may run meanwhile.</summary>
[CollectionDefinition(nameof(TelemetryTests), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>
/// Asphalt's spans and metrics as an operator's OpenTelemetry SDK receives them (the in-memory
/// exporter). Names are written out, not taken from <c>AsphaltTelemetry</c>: they are what
/// dashboards and alerts are built on.
/// </summary>
[Collection(nameof(TelemetryTests))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task Start_has_a_span_with_a_child_span_per_component_nested_as_the_tree_is_and_one_per_step()
    {
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Asphalt").AddInMemoryExporter(spans).Build())
        {
            var root = new LambdaComponent().With("db", new LambdaComponent()).With("web", new LambdaComponent().With("cache", new LambdaComponent()));
            await using var context = new Context();
            await context.StartComponentAsync(root, rootAlias: "traced");
            await context.CloseAsync();
        }

        var start = Assert.Single(spans, s => s.OperationName == "asphalt.start" && Path(s) == "traced");
        var trace = spans.Where(s => s.TraceId == start.TraceId).ToList();
        Activity Component(string path) => Assert.Single(trace, s => s.OperationName == "asphalt.component" && Path(s) == path);

        Assert.Equal(start.SpanId, Component("traced").ParentSpanId);
        Assert.Equal(Component("traced").SpanId, Component("traced/db").ParentSpanId);
        Assert.Equal(Component("traced").SpanId, Component("traced/web").ParentSpanId);
        Assert.Equal(Component("traced/web").SpanId, Component("traced/web/cache").ParentSpanId);
        Assert.Equal("Asphalt.Runtime.Tests.Support.LambdaComponent", Component("traced/web/cache").GetTagItem("asphalt.component.type"));
        foreach (var path in new[] { "traced", "traced/db", "traced/web", "traced/web/cache" })
        {
            var steps = trace.Where(s => s.ParentSpanId == Component(path).SpanId && Path(s) == path).Select(s => s.OperationName).Order().ToList();
            Assert.Equal(["asphalt.component.prepare", "asphalt.component.start"], steps);
        }
    }

    [Fact]
    public async Task A_failing_step_marks_its_spans_as_errors()
    {
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Asphalt").AddInMemoryExporter(spans).Build())
        {
            var root = new LambdaComponent().With("broken", new LambdaComponent(start: (_, _) => throw new InvalidOperationException("no database")));
            await using var context = new Context();
            await Assert.ThrowsAsync<ComponentStartException>(() => context.StartComponentAsync(root, rootAlias: "failing"));
        }

        var step = Assert.Single(spans, s => s.OperationName == "asphalt.component.start" && Path(s) == "failing/broken");
        Assert.Equal(ActivityStatusCode.Error, step.Status);
        Assert.Equal(typeof(ComponentStartException).FullName, step.GetTagItem("error.type"));
        // The message may quote a secret and spans are not redacted: it stays in the (redacted) log.
        Assert.Null(step.StatusDescription);
        Assert.DoesNotContain(spans, s => s.StatusDescription?.Contains("no database", StringComparison.Ordinal) == true);
        Assert.Equal(ActivityStatusCode.Error, Assert.Single(spans, s => s.OperationName == "asphalt.start" && Path(s) == "failing").Status);
    }

    [Fact]
    public async Task Teardown_has_a_span_with_a_child_per_step_naming_the_step_and_its_component()
    {
        var spans = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Asphalt").AddInMemoryExporter(spans).Build())
        {
            var root = new LambdaComponent(start: (context, _) =>
            {
                context.AddTeardown(() => { }, "closing the traced pool");
                context.AddTeardown(() => throw new IOException("disk gone"), "flushing the traced log");
                return ValueTask.CompletedTask;
            });
            var context = new Context();
            await context.StartComponentAsync(root, rootAlias: "torn");
            await Assert.ThrowsAsync<TeardownException>(() => context.CloseAsync());
        }

        var pool = Assert.Single(spans, s => s.OperationName == "asphalt.teardown.step" && Equals(s.GetTagItem("asphalt.teardown.step"), "closing the traced pool"));
        var log = Assert.Single(spans, s => s.OperationName == "asphalt.teardown.step" && Equals(s.GetTagItem("asphalt.teardown.step"), "flushing the traced log"));
        var teardown = Assert.Single(spans, s => s.SpanId == pool.ParentSpanId);
        Assert.Equal("asphalt.teardown", teardown.OperationName);
        Assert.Equal(teardown.SpanId, log.ParentSpanId);
        Assert.Equal("torn", Path(pool));
        Assert.Equal(ActivityStatusCode.Error, log.Status);
        Assert.Equal(ActivityStatusCode.Unset, pool.Status);
        Assert.Equal(ActivityStatusCode.Error, teardown.Status);
    }

    [Fact]
    public async Task Signal_dispatch_spans_come_only_from_the_optional_signals_source()
    {
        var signal = new Signal<int>("traced-signal");
        signal.Connect(_ => { });
        var withoutOptIn = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Asphalt").AddInMemoryExporter(withoutOptIn).Build())
        {
            await signal.DispatchAsync(1);
        }

        var withOptIn = new List<Activity>();
        using (var tracing = Sdk.CreateTracerProviderBuilder().AddSource("Asphalt.Signals").AddInMemoryExporter(withOptIn).Build())
        {
            await signal.DispatchAsync(2);
        }

        Assert.DoesNotContain(withoutOptIn, s => s.OperationName == "asphalt.signal.dispatch");
        var dispatch = Assert.Single(withOptIn, s => s.OperationName == "asphalt.signal.dispatch");
        Assert.Equal("traced-signal", dispatch.GetTagItem("asphalt.signal"));
    }

    [Fact]
    public async Task Metrics_count_starts_waits_dispatches_listener_failures_dropped_events_crashes_and_teardown_failures()
    {
        var metrics = new List<Metric>();
        using var meters = Sdk.CreateMeterProviderBuilder().AddMeter("Asphalt").AddInMemoryExporter(metrics).Build();
        var logs = new CapturingLoggerProvider();

        // A signal with a failing listener and a stream that never reads: its queue of one overflows.
        var signal = new Signal<int>("metered-signal");
        signal.Connect(_ => throw new InvalidOperationException("bad listener"));
        await using var stream = signal.StreamEvents(maxQueueSize: 1).GetAsyncEnumerator();
        var subscribed = stream.MoveNextAsync(); // Subscribes, then waits for an event.

        var root = new LambdaComponent().With("publisher", new LambdaComponent(start: (context, _) =>
        {
            context.AddTeardown(() => throw new IOException("disk gone"), "metered teardown");
            return ValueTask.CompletedTask;
        }));
        var app = new Context(logs.CreateFactory());
        await app.StartComponentAsync(root, rootAlias: "metered");
        var waiting = app.GetResourceAsync<string>("late"); // Nothing published yet: a real wait.
        app.AddResource("value", "late");
        Assert.Equal("value", await waiting);
        // Tasks named per client count under their factory's name: one series, not one per client.
        var tasks = app.CreateTaskFactory("metered tasks", TaskFailurePolicy.Log);
        await tasks.StartTask("client 10.0.0.1:5001", _ => throw new InvalidOperationException("crash")).Completion;
        await tasks.StartTask("client 10.0.0.2:5002", _ => throw new InvalidOperationException("crash")).Completion;
        await signal.DispatchAsync(1);
        Assert.True(await subscribed);
        await signal.DispatchAsync(2); // Queued.
        await signal.DispatchAsync(3); // The queue of one is full: dropped.
        await Assert.ThrowsAsync<TeardownException>(() => app.CloseAsync());
        meters.ForceFlush();

        Assert.True(Sum(metrics, "asphalt.component.start.duration", ("asphalt.component.path", "metered/publisher")) >= 1);
        Assert.Equal(1, Sum(metrics, "asphalt.resource.wait.duration", ("asphalt.resource.name", "late")));
        Assert.Equal(3, Sum(metrics, "asphalt.signal.dispatches", ("asphalt.signal", "metered-signal")));
        Assert.Equal(3, Sum(metrics, "asphalt.signal.listener.failures", ("asphalt.signal", "metered-signal")));
        Assert.Equal(1, Sum(metrics, "asphalt.signal.stream.dropped", ("asphalt.signal", "metered-signal")));
        Assert.Equal(2, Sum(metrics, "asphalt.task.crashes", ("asphalt.task", "metered tasks")));
        Assert.Equal(1, Sum(metrics, "asphalt.teardown.failures", ("asphalt.teardown.step", "metered teardown")));
    }

    private static string? Path(Activity span) => span.GetTagItem("asphalt.component.path") as string;

    // The total of the points carrying the tag: a counter's sum, a histogram's count. Throws if no point carries it.
    private static double Sum(List<Metric> metrics, string name, (string Key, string Value) tag)
    {
        double? total = null;
        foreach (var metric in metrics.Where(m => m.Name == name && m.MeterName == "Asphalt"))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = false;
                foreach (var pair in point.Tags)
                {
                    matches |= pair.Key == tag.Key && Equals(pair.Value, tag.Value);
                }

                if (matches)
                {
                    total = (total ?? 0) + metric.MetricType switch
                    {
                        MetricType.LongSum => point.GetSumLong(),
                        MetricType.Histogram => point.GetHistogramCount(),
                        _ => point.GetSumDouble(),
                    };
                }
            }
        }

        return total ?? throw new Xunit.Sdk.XunitException($"No point of metric '{name}' has {tag.Key}={tag.Value}. Metrics: {string.Join(", ", metrics.Select(m => m.Name).Distinct())}");
    }
}
