using Asphalt.CommandLine;
using Asphalt.Generated;

// Asphalt's first tutorial: an echo server and a client, wired by the source generator.
//   dotnet run --project samples/EchoServer -- run                                  # the server
//   dotnet run --project samples/EchoServer -- run -c samples/EchoServer/client.yaml # the client
//   dotnet run --project samples/EchoServer -- graph | check | --help
return await AsphaltCommandLine.RunAsync(args, new ApplicationDefinition
{
    Name = "echo",
    Description = "Asphalt's echo server and client.",
    RootType = "server",
    ComponentTypes = ComponentRegistry.CreateTypes(),
});
