using Asphalt.CommandLine;
using ReloadApp;

// Started by Asphalt.Configuration.Tests as a real process: `run -c FILE`, whose greeter's options reload
// when the file changes. The greeter serves its greeting in force on a loopback port it logs.
return await AsphaltCommandLine.RunAsync(args, ReloadingApp.Definition with { Name = "reloadapp" });
