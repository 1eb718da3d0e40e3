using Asphalt.Runtime.Tests.Support;
using Microsoft.Extensions.Logging;

namespace Asphalt.Runtime.Tests;

public sealed class SignalTests
{
    private readonly CapturingLoggerProvider _logs = new();

    [Fact]
    public async Task Dispatch_calls_sync_and_async_listeners_and_reports_success()
    {
        var signal = new Signal<string>("Changed");
        var seen = new EventLog();
        signal.Connect(e => seen.Add($"sync {e}"));
        signal.Connect(async e =>
        {
            await Task.Yield();
            seen.Add($"async {e}");
        });

        Assert.True(await signal.DispatchAsync("x"));
        Assert.Equal(["sync x", "async x"], seen.Events);
    }

    [Fact]
    public async Task A_failing_listener_is_logged_and_does_not_stop_the_others()
    {
        var signal = new Signal<string>("Changed", Logger());
        var seen = new EventLog();
        signal.Connect(_ => throw new InvalidOperationException("listener bug"));
        signal.Connect(async _ =>
        {
            await Task.Yield();
            throw new IOException("async listener bug");
        });
        signal.Connect(e => seen.Add(e));

        Assert.False(await signal.DispatchAsync("event"));

        Assert.Equal(["event"], seen.Events);
        var errors = _logs.Records.Where(r => r.Level == LogLevel.Error).ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, r => Assert.Equal("Uncaught exception in a listener of code outside any component on signal 'Changed'", r.Message));
        Assert.Contains(errors, r => r.Exception is InvalidOperationException);
        Assert.Contains(errors, r => r.Exception is IOException);
    }

    [Fact]
    public async Task A_failing_listener_is_named_by_its_component_path_and_name()
    {
        var signal = new Signal<string>("events", Logger());
        var root = new LambdaComponent()
            .With("audit", new LambdaComponent(start: (_, _) =>
            {
                signal.Connect(_ => throw new InvalidOperationException("audit bug"), "OnEvent");
                return ValueTask.CompletedTask;
            }))
            .With("mirror", new LambdaComponent(start: (_, _) =>
            {
                signal.Connect(async _ =>
                {
                    await Task.Yield();
                    throw new IOException("mirror bug");
                });
                return ValueTask.CompletedTask;
            }));
        await using var context = new Context();
        await context.StartComponentAsync(root);

        Assert.False(await signal.DispatchAsync("event"));

        var errors = _logs.Records.Where(r => r.Level == LogLevel.Error).ToList();
        Assert.Contains(errors, r => r.Message == "Uncaught exception in listener 'OnEvent' of component 'app/audit' on signal 'events'" && r.Exception is InvalidOperationException);
        Assert.Contains(errors, r => r.Message == "Uncaught exception in a listener of component 'app/mirror' on signal 'events'" && r.Exception is IOException);
    }

    [Fact]
    public async Task With_only_sync_listeners_a_failure_still_reaches_the_rest()
    {
        var signal = new Signal<int>("Numbers", Logger());
        var seen = new EventLog();
        signal.Connect(e => seen.Add($"first {e}"));
        signal.Connect(_ => throw new ArgumentException("bad listener"));
        signal.Connect(e => seen.Add($"third {e}"));
        signal.Connect(_ => throw new InvalidOperationException("worse listener"));

        Assert.False(await signal.DispatchAsync(7));

        Assert.Equal(["first 7", "third 7"], seen.Events);
        Assert.Equal(2, _logs.Records.Count(r => r.Level == LogLevel.Error));
    }

    [Fact]
    public async Task A_log_sink_that_throws_does_not_stop_dispatch_to_the_other_listeners()
    {
        var signal = new Signal<int>("Numbers", new ThrowingLoggerFactory.ThrowingLogger());
        var reached = new List<int>();
        signal.Connect(_ => throw new InvalidOperationException("listener failed"));
        signal.Connect(reached.Add);

        Assert.False(await signal.DispatchAsync(7));
        Assert.Equal([7], reached);
    }

    [Fact]
    public async Task Disconnected_and_duplicate_listeners()
    {
        var signal = new Signal<int>();
        var calls = 0;
        Action<int> listener = _ => calls++;
        signal.Connect(listener);
        signal.Connect(listener);

        await signal.DispatchAsync(1);
        Assert.Equal(1, calls);
        Assert.True(signal.Disconnect(listener));
        Assert.False(signal.Disconnect(listener));
        await signal.DispatchAsync(2);
        Assert.Equal(1, calls);
        Assert.False(signal.HasListeners);
    }

    [Fact]
    public async Task Wait_event_returns_the_first_matching_event_and_disconnects()
    {
        var signal = new Signal<int>();
        var waiting = signal.WaitEventAsync(e => e > 2);

        await signal.DispatchAsync(1);
        await signal.DispatchAsync(3);
        await signal.DispatchAsync(4);

        Assert.Equal(3, await waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(signal.HasListeners);
    }

    [Fact]
    public async Task Stream_yields_events_and_unsubscribes_when_enumeration_ends()
    {
        var signal = new Signal<int>();
        var received = new List<int>();
        var streaming = Task.Run(async () =>
        {
            await foreach (var e in signal.StreamEvents(e => e % 2 == 0))
            {
                received.Add(e);
                if (e == 4)
                {
                    break;
                }
            }
        });
        await WaitUntil(() => signal.HasListeners);

        for (var i = 1; i <= 5; i++)
        {
            await signal.DispatchAsync(i);
        }

        await streaming.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([2, 4], received);
        Assert.False(signal.HasListeners);
    }

    [Fact]
    public async Task Full_stream_queue_drops_new_events_with_a_warning_and_never_blocks_the_sender()
    {
        var signal = new Signal<int>("Ticks", Logger());
        await using var stream = signal.StreamEvents(maxQueueSize: 2).GetAsyncEnumerator();
        var first = stream.MoveNextAsync(); // Subscribes, then waits for event 1.
        await signal.DispatchAsync(1);
        Assert.True(await first.AsTask().WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(1, stream.Current);

        // The consumer is busy with event 1: two events fit in the queue, the next three are dropped.
        for (var i = 2; i <= 6; i++)
        {
            Assert.True(await signal.DispatchAsync(i));
        }

        List<int> received = [];
        for (var i = 0; i < 2; i++)
        {
            Assert.True(await stream.MoveNextAsync());
            received.Add(stream.Current);
        }

        await signal.DispatchAsync(7); // Room again.
        Assert.True(await stream.MoveNextAsync());
        received.Add(stream.Current);

        Assert.Equal([2, 3, 7], received);
        var warnings = _logs.Records.Where(r => r.Level == LogLevel.Warning).ToList();
        Assert.Equal(3, warnings.Count);
        Assert.All(warnings, w => Assert.StartsWith("Signal 'Ticks': a stream's queue is full (2 events)", w.Message));
    }

    [Fact]
    public async Task Streams_of_several_signals_merge_in_dispatch_order()
    {
        var clicks = new Signal<Click>();
        var keys = new Signal<Key>();
        var received = new List<string>();
        var done = new TaskCompletionSource();
        var streaming = Task.Run(async () =>
        {
            await foreach (var e in Signals.StreamEvents<InputEvent>(clicks, keys))
            {
                received.Add(e.ToString());
                if (received.Count == 3)
                {
                    break;
                }
            }
        });
        await WaitUntil(() => clicks.HasListeners && keys.HasListeners);

        await clicks.DispatchAsync(new Click(1));
        await keys.DispatchAsync(new Key('a'));
        await clicks.DispatchAsync(new Click(2));

        await streaming.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(["Click { X = 1 }", "Key { Char = a }", "Click { X = 2 }"], received);
        Assert.False(clicks.HasListeners || keys.HasListeners);
    }

    [Fact]
    public async Task A_throwing_wait_filter_ends_the_wait_with_its_error()
    {
        var signal = new Signal<int>();
        var waiting = signal.WaitEventAsync(e => e / (e - 1) > 0);

        Assert.True(await signal.DispatchAsync(1));

        await Assert.ThrowsAsync<DivideByZeroException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(signal.HasListeners);
    }

    [Fact]
    public async Task A_throwing_stream_filter_ends_the_stream_with_its_error()
    {
        var signal = new Signal<int>();
        await using var stream = signal.StreamEvents(e => e < 2 ? true : throw new FormatException("bad filter")).GetAsyncEnumerator();
        var first = stream.MoveNextAsync();
        await signal.DispatchAsync(1);
        Assert.True(await first);

        Assert.True(await signal.DispatchAsync(2));

        await Assert.ThrowsAsync<FormatException>(async () => await stream.MoveNextAsync());
    }

    [Fact]
    public async Task Subscriptions_of_one_delegate_are_independent()
    {
        var signal = new Signal<int>();
        var calls = 0;
        Action<int> handler = _ => calls++;
        var first = signal.Subscribe(handler);
        using var second = signal.Subscribe(handler);

        first.Dispose();
        await signal.DispatchAsync(1);

        Assert.Equal(1, calls);
    }

    private ILogger Logger() => _logs.CreateLogger("test");

    private static async Task WaitUntil(Func<bool> condition)
    {
        for (var i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition());
    }

    public abstract record InputEvent;

    public sealed record Click(int X) : InputEvent;

    public sealed record Key(char Char) : InputEvent;
}
