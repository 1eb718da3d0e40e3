using Asphalt;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Asphalt.Benchmarks;

/// <summary>
/// What the web component pays per request for its child <see cref="Context"/> (created, made current,
/// one resource looked up through the parent, closed), against the request scope ASP.NET Core makes
/// with Microsoft.Extensions.DependencyInjection for each request, in the same run.
/// </summary>
[MemoryDiagnoser]
public class RequestContextBenchmarks
{
    private Context _application = null!;
    private IServiceScopeFactory _scopes = null!;
    private ILoggerFactory _loggerFactory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _loggerFactory = LoggerFactory.Create(_ => { }); // A real factory: the child must not take its lock per request.
        _application = new Context(_loggerFactory);
        _application.AddResource(new Greeter(), "informal");
        var services = new ServiceCollection();
        services.AddKeyedSingleton("informal", new Greeter());
        _scopes = services.BuildServiceProvider().GetRequiredService<IServiceScopeFactory>();
    }

    [GlobalCleanup]
    public void Cleanup() => _loggerFactory.Dispose();

    [Benchmark(Baseline = true, Description = "MS.DI CreateAsyncScope + GetKeyedService + DisposeAsync")]
    public async Task<Greeter> DiRequestScope()
    {
        await using var scope = _scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredKeyedService<Greeter>("informal");
    }

    [Benchmark(Description = "Asphalt child Context + MakeCurrent + GetResource + CloseAsync")]
    public async Task<Greeter> AsphaltRequestContext()
    {
        var request = new Context(_application);
        Greeter greeter;
        using (request.MakeCurrent())
        {
            greeter = Context.Current.GetResource<Greeter>("informal");
        }

        await request.CloseAsync();
        return greeter;
    }

    public sealed class Greeter;
}
