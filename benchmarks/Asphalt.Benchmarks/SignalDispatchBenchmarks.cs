using Asphalt;
using BenchmarkDotNet.Attributes;

namespace Asphalt.Benchmarks;

/// <summary>
/// Signal dispatch to synchronous listeners against a plain multicast delegate with the same
/// listeners. Goal: within 2x, zero allocations.
/// </summary>
[MemoryDiagnoser]
public class SignalDispatchBenchmarks
{
    private Signal<Tick> _signal = null!;
    private Action<Tick>? _multicast;
    private readonly Tick _tick = new(42);
    private long _sum;
    private Action<Tick>[] _array = [];

    [Params(1, 10)]
    public int Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signal = new Signal<Tick>("Ticks");
        _multicast = null;
        for (var i = 0; i < Listeners; i++)
        {
            // Distinct delegates (a signal ignores a delegate connected twice).
            var weight = i + 1;
            Action<Tick> listener = t => _sum += t.Value * weight;
            _signal.Connect(listener);
            _multicast += listener;
            _array = [.. _array, listener];
        }
    }

    [Benchmark(Baseline = true, Description = "multicast delegate")]
    public void Multicast() => _multicast!(_tick);

    // The floor for any dispatcher that must isolate listeners: an array of delegates in a try.
    // The multicast baseline can be faster still because dynamic PGO inlines a one-target delegate.
    [Benchmark(Description = "floor: delegate array in try")]
    public bool DelegateArray()
    {
        var listeners = _array;
        try
        {
            for (var i = 0; i < listeners.Length; i++)
            {
                listeners[i](_tick);
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [Benchmark(Description = "Signal.DispatchAsync (sync listeners)")]
    public bool Signal() => _signal.DispatchAsync(_tick).Result;

    public sealed record Tick(long Value);
}
