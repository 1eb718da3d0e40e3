using System.Collections.Concurrent;
using Asphalt.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.AspNetCore.Tests;

/// <summary>A counter published by <see cref="CounterComponent"/>.</summary>
public sealed class Counter
{
    private int _value;

    public int Increment() => Interlocked.Increment(ref _value);
}

/// <summary>What was torn down, in order.</summary>
public sealed class TeardownLog
{
    public ConcurrentQueue<string> Entries { get; } = new();
}

/// <summary>Made once per request by a resource factory; disposed with the request's context.</summary>
public sealed class RequestScoped(TeardownLog log) : IDisposable
{
    public string Id { get; } = Guid.NewGuid().ToString("N");

    public void Dispose() => log.Entries.Enqueue($"scoped {Id}");
}

/// <summary>Added to the request's context by a handler; disposed when the request ends.</summary>
public sealed class AddedDuringRequest(TeardownLog log, string id) : IDisposable
{
    public void Dispose() => log.Entries.Enqueue($"added {id}");
}

/// <summary>Made only by an async factory: a synchronous lookup cannot create it.</summary>
public sealed class AsyncMade;

/// <summary>Publishes the counter, the log, a factory of <see cref="RequestScoped"/> and an async factory of <see cref="AsyncMade"/>.</summary>
[Component("counter")]
public sealed partial class CounterComponent
{
    [Resource]
    public Counter Counter { get; } = new();

    [Resource]
    public TeardownLog Log { get; } = new();

    public void PrepareAsync(Context context)
    {
        context.AddResourceFactory(_ => new RequestScoped(Log));
        context.AddResourceFactory((_, _) => ValueTask.FromResult(new AsyncMade()));
    }
}

/// <summary>The endpoints under test, contributed in the prepare step.</summary>
[Component("testApi")] // Not "api": the referenced ChatServer ships a component of that alias.
public sealed partial class ApiComponent
{
    public void PrepareAsync(WebEndpoints web) => web.MapEndpoints(routes =>
    {
        routes.MapGet("/count", ([FromResource] Counter counter) => counter.Increment().ToString(System.Globalization.CultureInfo.InvariantCulture));
        // A resource factory's product is invisible to the build's wiring check: said at the parameter.
#pragma warning disable ASPH0001
        routes.MapGet("/scoped", ([FromResource] RequestScoped scoped) => scoped.Id);
#pragma warning restore ASPH0001
        // The error a request's keyed lookup gives for a resource only an async factory makes.
        routes.MapGet("/async-only", (HttpContext http) =>
        {
            try
            {
                http.RequestServices.GetRequiredKeyedService<AsyncMade>(ResourceKey.DefaultName);
                return "resolved";
            }
            catch (InvalidOperationException error)
            {
                return error.Message;
            }
        });
        routes.MapGet("/context", ([FromResource] TeardownLog log) =>
        {
            var request = Context.Current;
            var id = Guid.NewGuid().ToString("N");
            request.AddResource(new AddedDuringRequest(log, id), "added", owned: true);
            var application = request.Parent!;
            return $"{id} {application.TryGetResource<Counter>(out _)} {ReferenceEquals(request.Root, application)}";
        });
    });
}

[Component("webTest")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<CounterComponent>("counter")]
[ChildComponent<ApiComponent>("api")]
public sealed partial class WebTestApp;

/// <summary>Tries to map an endpoint once the server runs: too late.</summary>
[Component("late")]
public sealed partial class LateContributorComponent
{
    public void StartAsync(WebServer server, WebEndpoints web) =>
        web.MapEndpoints(routes => routes.MapGet("/late", () => "late"));
}

[Component("lateTest")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<LateContributorComponent>("late")]
public sealed partial class LateTestApp;

/// <summary>What the probe tests control: when a component's start returns, when a service task crashes, when teardown goes on.</summary>
public sealed class ProbeGates
{
    public TaskCompletionSource FinishStart { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Crash { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource TeardownBegan { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource FinishTeardown { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>
/// Starts once the web server accepts, then waits for the test; runs a service task that crashes when told;
/// its teardown (run before the server's, being registered after it) waits for the test too.
/// </summary>
[Component("gated")]
public sealed partial class GatedComponent
{
    public async Task StartAsync(WebServer server, Context context, CancellationToken cancellationToken)
    {
        // Put in the context by the test, so not a step parameter: no component provides it.
        var gates = await context.GetResourceAsync<ProbeGates>(cancellationToken: cancellationToken);
        context.StartServiceTask("crasher", async stop =>
        {
            await gates.Crash.Task.WaitAsync(stop);
            throw new IOException("the test made it crash");
        });
        context.AddTeardown(async () =>
        {
            gates.TeardownBegan.TrySetResult();
            await gates.FinishTeardown.Task;
        }, "wait for the test");
        await gates.FinishStart.Task.WaitAsync(cancellationToken);
    }
}

[Component("probeTest")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<GatedComponent>("gated")]
public sealed partial class ProbeTestApp;
