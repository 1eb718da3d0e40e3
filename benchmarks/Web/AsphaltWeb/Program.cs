using Asphalt;
using Asphalt.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

// AsphaltWeb [port]: serves GET /value (a string read from an Asphalt resource), /healthz and /readyz.
var port = args.Length > 0 ? args[0] : "5101";
var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?> { ["components:web:port"] = port })
    .Build();
return await Application.RunAsync(BenchmarkApp.Create(configuration));

/// <summary>The value the endpoint returns.</summary>
public sealed class ValueHolder
{
    public string Value { get; } = "hello from a resource";
}

[Component("values")]
public sealed partial class ValueComponent
{
    [Resource]
    public ValueHolder Holder { get; } = new();

    public void PrepareAsync(WebEndpoints web) =>
        web.MapEndpoints(routes => routes.MapGet("/value", ([FromResource] ValueHolder holder) => holder.Value));
}

[Component("benchmarkApp")]
[ChildComponent<WebComponent>("web")]
[ChildComponent<ValueComponent>("values")]
public sealed partial class BenchmarkApp;
