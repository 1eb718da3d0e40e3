using Asphalt.CommandLine;
using Asphalt.Generated;
using EchoServer;

// Asphalt's first tutorial: an echo server and a client, wired by the source generator.
//   dotnet run --project samples/EchoServer -- run                                  # the server
//   dotnet run --project samples/EchoServer -- run -c samples/EchoServer/client.yaml # the client
//   dotnet run --project samples/EchoServer -- run --telemetry console              # spans and metrics on stdout
//   dotnet run --project samples/EchoServer -- run --log-format json                # JSON log lines with the component path
//   dotnet run --project samples/EchoServer -- graph | check | --help
SampleSwitches switches;
try
{
    switches = SampleSwitches.Parse(args);
}
catch (ArgumentException error)
{
    await Console.Error.WriteLineAsync($"echo: {error.Message}");
    return 1;
}

using (switches)
{
    return await AsphaltCommandLine.RunAsync(switches.Remaining, new ApplicationDefinition
    {
        Name = "echo",
        Description = "Asphalt's echo server and client.",
        RootType = "server",
        CreateComponentTypes = ComponentRegistry.CreateTypes,
        ConfigureOptions = switches.Configure,
    });
}
