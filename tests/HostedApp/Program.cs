using Asphalt;
using HostedApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Started by the tests as a real process. The first argument picks what it does:
//   host-fail       a generic host whose tree fails to start
//   host-exit N     a generic host whose run-to-exit root returns N
//   host-crash      a generic host whose tree's service task crashes after start
var mode = args.Length > 0 ? args[0] : "";
var code = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
var builder = Host.CreateApplicationBuilder();
Component root = mode switch
{
    "host-fail" => new FailingComponent(),
    "host-exit" => new ExitingComponent(code),
    "host-crash" => new CrashingComponent(),
    _ => throw new ArgumentException($"unknown mode '{mode}'"),
};
builder.Services.AddAsphalt(_ => root);
using var host = builder.Build();
await host.RunAsync();
Console.WriteLine($"Host stopped; exit code {Environment.ExitCode}");
return Environment.ExitCode;
