using Asphalt;
using RunnerApp;

// Started by Asphalt.Runtime.Tests as a real process: the application runner, whose component's service
// task asks to stop with the exit code given as the first argument. With "telemetry" instead, it runs the
// same application under a listener of every Asphalt span and measurement and prints how many it saw.
if (args[0] == "telemetry")
{
    return await TelemetryCount.RunAsync();
}

var exitCode = int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture);
return await Application.RunAsync(new StoppingComponent(exitCode));
