namespace EchoServer;

/// <summary>The sample's small command line: <c>server</c> or <c>client MESSAGE</c>, with --host and --port.</summary>
internal static class CommandLine
{
    /// <summary>A parsed command: <see cref="Message"/> is null for the server.</summary>
    public sealed record Command(string? Message, EchoServerOptions Options);

    public static Command? Parse(string[] args)
    {
        var options = new EchoServerOptions();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--host" when i + 1 < args.Length:
                    options.Host = args[++i];
                    break;
                case "--port" when i + 1 < args.Length:
                    if (!int.TryParse(args[++i], out var port) || port is < 0 or > 65535)
                    {
                        Console.Error.WriteLine($"--port: '{args[i]}' is not a port number (0-65535).");
                        return null;
                    }

                    options.Port = port;
                    break;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        return positional switch
        {
            ["server"] => new Command(null, options),
            ["client", var message] => new Command(message, options),
            _ => null,
        };
    }

    public static void PrintUsage()
    {
        Console.Error.WriteLine("usage: EchoServer server [--host HOST] [--port PORT]");
        Console.Error.WriteLine("       EchoServer client MESSAGE [--host HOST] [--port PORT]");
    }
}
