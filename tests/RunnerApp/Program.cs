using Asphalt;
using RunnerApp;

// Started by Asphalt.Runtime.Tests as a real process: the application runner, whose component's service
// task asks to stop with the exit code given as the first argument.
var exitCode = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
return await Application.RunAsync(new StoppingComponent(exitCode));
