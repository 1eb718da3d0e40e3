using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Asphalt;
using Asphalt.Redis;
using Microsoft.Extensions.Logging.Abstractions;
using RedisBridgeBenchmark;
using StackExchange.Redis;

// Cross-process events through SignalBridge vs raw StackExchange.Redis pub/sub of the same event,
// between the same two processes (a sender and a receiver), side by side in one run.
//   dotnet run -c Release --project benchmarks/RedisBridge -- run 127.0.0.1:6379 [rounds]
// (start a server first: dotnet run -c Release --project samples/RedisBroker -- --port 6379, or redis-server)
// The child modes are what `run` starts:  receive|send raw|bridge ENDPOINT COUNT burst|paced
const int BurstCount = 100_000;
const int PacedCount = 4_000;
var text = new string('x', 100);

switch (args)
{
    case ["run", var endpoint, ..]:
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine("| variant | phase | events received | throughput (events/s) | p50 latency | p99 latency |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        for (var round = 0; round < rounds; round++)
        {
            foreach (var variant in new[] { "raw", "bridge" })
            {
                foreach (var (phase, count) in new[] { ("burst", BurstCount), ("paced", PacedCount) })
                {
                    Console.WriteLine(await RunPairAsync(variant, endpoint, count, phase));
                }
            }
        }

        return 0;
    case ["receive", var variant, var endpoint, var countText, var phase]:
        return await ReceiveAsync(variant, endpoint, int.Parse(countText, CultureInfo.InvariantCulture), phase);
    case ["send", var variant, var endpoint, var countText, var phase]:
        return await SendAsync(variant, endpoint, int.Parse(countText, CultureInfo.InvariantCulture), phase);
    default:
        Console.Error.WriteLine("Usage: RedisBridge run ENDPOINT [rounds]");
        return 2;
}

async Task<string> RunPairAsync(string variant, string endpoint, int count, string phase)
{
    using var receiver = Child("receive", variant, endpoint, count, phase);
    // The receiver prints "ready" once subscribed.
    while (await receiver.StandardOutput.ReadLineAsync() is { } line && line != "ready")
    {
    }

    using var sender = Child("send", variant, endpoint, count, phase);
    await sender.WaitForExitAsync();
    var result = await receiver.StandardOutput.ReadLineAsync();
    await receiver.WaitForExitAsync();
    return $"| {variant} | {phase} | {result}";
}

Process Child(string mode, string variant, string endpoint, int count, string phase)
{
    var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
    {
        info.ArgumentList.Add(typeof(BenchEvent).Assembly.Location);
    }

    foreach (var argument in new[] { mode, variant, endpoint, count.ToString(CultureInfo.InvariantCulture), phase })
    {
        info.ArgumentList.Add(argument);
    }

    return Process.Start(info)!;
}

async Task<int> ReceiveAsync(string variant, string endpoint, int count, string phase)
{
    await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
    var latencies = new long[count];
    var received = 0;
    long first = 0, last = 0;
    var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    void Record(BenchEvent e)
    {
        var now = Stopwatch.GetTimestamp();
        if (received == 0)
        {
            first = now;
        }

        last = now;
        latencies[received++] = now - e.SentAt;
        if (received == count)
        {
            done.TrySetResult();
        }
    }

    SignalBridge<BenchEvent>? bridge = null;
    if (variant == "raw")
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal("bench-raw"));
        queue.OnMessage(m => Record(JsonSerializer.Deserialize(((ReadOnlyMemory<byte>)m.Message).Span, BenchJson.Default.BenchEvent)!));
    }
    else
    {
        var signal = new Signal<BenchEvent>("bench");
        signal.Connect(Record);
        bridge = await SignalBridge<BenchEvent>.StartAsync(redis, signal, "bench-bridge", BenchJson.Default.BenchEvent, NullLogger.Instance,
            new SignalBridgeOptions { IncomingQueueSize = count, OutgoingBufferSize = count });
    }

    Console.WriteLine("ready");
    await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
    var n = received;
    Array.Sort(latencies, 0, n);
    double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    var seconds = (last - first) / (double)Stopwatch.Frequency;
    var throughput = phase == "burst" && seconds > 0 ? (n / seconds).ToString("N0", CultureInfo.InvariantCulture) : "(paced)";
    Console.WriteLine(n == 0
        ? "0 | - | - | - |"
        : $"{n} | {throughput} | {Ms(latencies[n / 2]):0.000} ms | {Ms(latencies[Math.Min(n - 1, (int)(n * 0.99))]):0.000} ms |");
    if (bridge is not null)
    {
        await bridge.DisposeAsync();
    }

    return 0;
}

async Task<int> SendAsync(string variant, string endpoint, int count, string phase)
{
    await using var redis = await ConnectionMultiplexer.ConnectAsync(endpoint);
    var paceTicks = phase == "paced" ? Stopwatch.Frequency / 4000 : 0; // paced: 4,000 events/s, no queueing
    if (variant == "raw")
    {
        var subscriber = redis.GetSubscriber();
        var channel = RedisChannel.Literal("bench-raw");
        for (var i = 0; i < count; i++)
        {
            Pace(i, paceTicks);
            subscriber.Publish(channel, JsonSerializer.SerializeToUtf8Bytes(new BenchEvent(Stopwatch.GetTimestamp(), i, text), BenchJson.Default.BenchEvent), CommandFlags.FireAndForget);
        }
    }
    else
    {
        var signal = new Signal<BenchEvent>("bench");
        await using var bridge = await SignalBridge<BenchEvent>.StartAsync(redis, signal, "bench-bridge", BenchJson.Default.BenchEvent, NullLogger.Instance,
            new SignalBridgeOptions { IncomingQueueSize = count, OutgoingBufferSize = count });
        for (var i = 0; i < count; i++)
        {
            Pace(i, paceTicks);
            await signal.DispatchAsync(new BenchEvent(Stopwatch.GetTimestamp(), i, text));
        }
    }

    // Let the client flush what it pipelined before the connection closes.
    await redis.GetDatabase().PingAsync();
    return 0;
}

static void Pace(int i, long paceTicks)
{
    if (paceTicks == 0 || i == 0)
    {
        return;
    }

    var until = Stopwatch.GetTimestamp() + paceTicks;
    while (Stopwatch.GetTimestamp() < until)
    {
        Thread.SpinWait(20);
    }
}
