using Asphalt.CommandLine;
using WebNotifier;

// Asphalt's second tutorial: watch a web page and mail every change.
//   dotnet run --project samples/WebNotifier -- run -c samples/WebNotifier/config.yaml
//   dotnet run --project samples/WebNotifier -- graph | check | --help
return await AsphaltCommandLine.RunAsync(args, WebNotifierDefinition.Create());
