using Asphalt;
using ChatServer.Components;
using Microsoft.Extensions.Configuration;

// Usage:
//   ChatServer [key=value ...]      run; keys are the component tree's, e.g. components:listener:port=7100
//   ChatServer graph [mermaid|dot]  print the wiring the build computed
if (args is ["graph", ..])
{
    Console.Write(args is [_, "dot"] ? ChatServerApp.WiringPlan.Dot : ChatServerApp.WiringPlan.Mermaid);
    return 0;
}

var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
foreach (var argument in args)
{
    var equals = argument.IndexOf('=');
    if (equals <= 0)
    {
        Console.Error.WriteLine($"Expected key=value, got '{argument}'.");
        return 2;
    }

    settings[argument[..equals]] = argument[(equals + 1)..];
}

var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
Component app;
try
{
    app = ChatServerApp.Create(configuration);
}
catch (ConfigurationBindingException error)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

return await Application.RunAsync(app);
