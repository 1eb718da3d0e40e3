using Asphalt;
using EchoServer;

// Asphalt's first tutorial: an echo server and a client.
//   dotnet run --project samples/EchoServer -- server [--host 127.0.0.1] [--port 64100]
//   dotnet run --project samples/EchoServer -- client "Hello" [--host 127.0.0.1] [--port 64100]
if (CommandLine.Parse(args) is not { } command)
{
    CommandLine.PrintUsage();
    return 2;
}

Component root = command.Message is null
    ? new ServerComponent(command.Options)
    : new ClientComponent(command.Options, command.Message);
return await Application.RunAsync(root);
