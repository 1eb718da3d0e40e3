namespace Asphalt.Configuration.Tests.Generated;

// Components wired by the source generator: the command line runs their generated Definition.

public sealed class GreetingOptions
{
    public string Text { get; set; } = "hello";

    public Dictionary<string, string> Labels { get; set; } = new();
}

public sealed record GeneratedGreeting(string Text);

[Component("generatedGreeter")]
public sealed partial class GeneratedGreeterComponent(GreetingOptions options)
{
    [return: Resource]
    public GeneratedGreeting StartAsync() => new(options.Text);
}

public sealed class GeneratedAppOptions
{
    public int ExitCode { get; set; }
}

[Component("generatedApp")]
[ChildComponent<GeneratedGreeterComponent>("greeter")]
public sealed partial class GeneratedApp(GeneratedAppOptions options) : CliApplicationComponent
{
    /// <summary>What the last run printed.</summary>
    public static StringWriter Output { get; } = new();

    public int RunAsync(GeneratedGreeting greeting)
    {
        Output.WriteLine(greeting.Text);
        return options.ExitCode;
    }
}
