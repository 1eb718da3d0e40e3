using System.Text.Json.Serialization;
using Asphalt.Redis;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Asphalt.Benchmarks;

/// <summary>
/// Local dispatch of a signal bridged to Redis with no other instance on the channel, against the
/// same signal unbridged (one synchronous listener each). Goal: within 2x. Needs a server:
/// ASPHALT_BENCH_REDIS (default 127.0.0.1:6379), e.g. <c>dotnet run --project samples/RedisBroker</c>.
/// </summary>
[MemoryDiagnoser]
public class BridgedSignalDispatchBenchmarks
{
    private readonly Tick _tick = new(42);
    private Signal<Tick> _unbridged = null!;
    private Signal<Tick> _bridged = null!;
    private ConnectionMultiplexer _redis = null!;
    private SignalBridge<Tick> _bridge = null!;
    private long _sum;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _unbridged = new Signal<Tick>("ticks");
        _unbridged.Connect(t => _sum += t.Value);
        _bridged = new Signal<Tick>("ticks");
        _bridged.Connect(t => _sum += t.Value);
        _redis = await ConnectionMultiplexer.ConnectAsync(Environment.GetEnvironmentVariable("ASPHALT_BENCH_REDIS") ?? "127.0.0.1:6379");
        _bridge = await SignalBridge<Tick>.StartAsync(_redis, _bridged, "bench-ticks-" + Guid.NewGuid().ToString("N"), BenchJson.Default.Tick, NullLogger.Instance);
        // The first publish counts its receivers: nobody else, so the bridge stops publishing.
        await _bridged.DispatchAsync(_tick);
        while (!_bridge.IsAloneOnChannel)
        {
            await Task.Delay(10);
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _bridge.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "unbridged Signal.DispatchAsync")]
    public bool Unbridged() => _unbridged.DispatchAsync(_tick).Result;

    [Benchmark(Description = "bridged, no remote listener")]
    public bool Bridged() => _bridged.DispatchAsync(_tick).Result;

    public sealed record Tick(long Value);
}

[JsonSerializable(typeof(BridgedSignalDispatchBenchmarks.Tick))]
internal sealed partial class BenchJson : JsonSerializerContext;
