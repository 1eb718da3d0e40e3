using Asphalt.CommandLine;
using ReloadApp;

// Started by Asphalt.Configuration.Tests as a real process: `run -c FILE`, whose greeter's options reload
// when the file changes. The greeter serves its greeting in force on a loopback port it logs.
// RELOADAPP_ROOT_ALIAS names the root otherwise than "app", as an application's definition may.
var definition = ReloadingApp.Definition with { Name = "reloadapp" };
if (Environment.GetEnvironmentVariable("RELOADAPP_ROOT_ALIAS") is { Length: > 0 } rootAlias)
{
    definition = definition with { RootAlias = rootAlias };
}

return await AsphaltCommandLine.RunAsync(args, definition);
