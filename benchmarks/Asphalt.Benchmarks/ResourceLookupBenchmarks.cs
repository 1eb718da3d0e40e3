using Asphalt;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.Benchmarks;

/// <summary>
/// Resource lookup by (type, name) against Microsoft.Extensions.DependencyInjection's
/// GetService / GetKeyedService, in the same run. Goal: no slower, zero allocations.
/// </summary>
[MemoryDiagnoser]
public class ResourceLookupBenchmarks
{
    private Context _context = null!;
    private Context _childContext = null!;
    private IServiceProvider _provider = null!;

    [GlobalSetup]
    public void Setup()
    {
        _context = new Context();
        var services = new ServiceCollection();

        // A realistic amount of other resources, so lookups do not hit a one-entry table.
        for (var i = 0; i < 20; i++)
        {
            _context.AddResource(new Filler(i), $"filler{i}");
            services.AddKeyedSingleton(new Filler(i), $"filler{i}");
        }

        _context.AddResource<IGreeter>(new Greeter());
        _context.AddResource<IGreeter>(new Greeter(), "informal");
        _childContext = new Context(_context);
        services.AddSingleton<IGreeter>(new Greeter());
        services.AddKeyedSingleton<IGreeter>("informal", new Greeter());
        _provider = services.BuildServiceProvider();
        _provider.GetService<IGreeter>();
        _provider.GetKeyedService<IGreeter>("informal");
    }

    [Benchmark(Baseline = true, Description = "MS.DI GetService<T>()")]
    public IGreeter? DiGetService() => _provider.GetService<IGreeter>();

    [Benchmark(Description = "MS.DI GetKeyedService<T>(key)")]
    public IGreeter? DiGetKeyedService() => _provider.GetKeyedService<IGreeter>("informal");

    [Benchmark(Description = "Asphalt GetResource<T>()")]
    public IGreeter AsphaltGetDefault() => _context.GetResource<IGreeter>();

    [Benchmark(Description = "Asphalt GetResource<T>(name)")]
    public IGreeter AsphaltGetNamed() => _context.GetResource<IGreeter>("informal");

    [Benchmark(Description = "Asphalt TryGetResource<T>(name)")]
    public IGreeter? AsphaltTryGetNamed() => _context.TryGetResource<IGreeter>("informal", out var value) ? value : null;

    [Benchmark(Description = "Asphalt GetResource<T>(name) from a child context")]
    public IGreeter AsphaltGetFromChild() => _childContext.GetResource<IGreeter>("informal");

    [Benchmark(Description = "Asphalt GetResourceAsync<T>(name), already published")]
    public IGreeter AsphaltGetAsyncPublished() => _context.GetResourceAsync<IGreeter>("informal").Result;

    public interface IGreeter
    {
        string Greet(string name);
    }

    public sealed class Greeter : IGreeter
    {
        public string Greet(string name) => name;
    }

    public sealed record Filler(int Number);
}
