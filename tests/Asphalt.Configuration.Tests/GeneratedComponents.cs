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

/// <summary>A hand-written component (no generator): its tree position is declared on the root below.</summary>
public sealed class AuditComponent : Component
{
    private static int s_starts;

    /// <summary>How many instances have started, in this process.</summary>
    public static int Starts => Volatile.Read(ref s_starts);

    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_starts);
        return ValueTask.CompletedTask;
    }
}

[Component("auditedApp")]
[ChildComponent<AuditComponent>("audit")]
[ChildComponent<GeneratedGreeterComponent>("greeter")]
public sealed partial class AuditedApp : CliApplicationComponent
{
    public int RunAsync(GeneratedGreeting greeting) => greeting.Text.Length > 0 ? 0 : 1;
}
