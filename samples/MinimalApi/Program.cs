using MinimalApi;

// An existing ASP.NET Core minimal-API app that adds an Asphalt component tree:
//   dotnet run --project samples/MinimalApi -- --urls http://127.0.0.1:5080
//   curl http://127.0.0.1:5080/greeting/world     # Hello, world! (from the tree's greeter resource)
//   curl http://127.0.0.1:5080/readyz             # Healthy once every component started
var builder = WebApplication.CreateSlimBuilder(args);

// The tree starts with the host (the host fails to start if the tree does) and tears down when it stops.
// Its options come from the host's configuration section "Asphalt" (appsettings.json, --Asphalt:... on the command line).
builder.Services.AddAsphalt(services => App.Create(services.GetRequiredService<IConfiguration>().GetSection("Asphalt")));

var app = builder.Build();

// The greeter is a resource of the tree, resolved as a keyed service by its resource name.
app.MapGet("/greeting/{name}", ([FromKeyedServices("default")] IGreeter greeter, string name) => greeter.Greet(name));

// The tree's liveness and readiness (the checks AddAsphalt registered), one probe each.
app.MapAsphaltProbes("/healthz", "/readyz");

app.Run();
