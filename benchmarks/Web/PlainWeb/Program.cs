// PlainWeb [port]: the same endpoints as AsphaltWeb, the value from an MS.DI singleton.
var port = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5102;
var builder = WebApplication.CreateSlimBuilder();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(System.Net.IPAddress.Loopback, port));
// As in AsphaltWeb: ASP.NET Core's own categories from Warning up (no line per request).
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddSingleton<ValueHolder>();
builder.Services.AddHealthChecks();
var app = builder.Build();
app.MapGet("/value", (ValueHolder holder) => holder.Value);
app.MapHealthChecks("/healthz");
app.MapHealthChecks("/readyz");
app.Run();

/// <summary>The value the endpoint returns.</summary>
public sealed class ValueHolder
{
    public string Value { get; } = "hello from a resource";
}
