using Asphalt.CommandLine;

namespace Asphalt.Configuration.Tests;

/// <summary>A resource: a greeting, and who published it.</summary>
public sealed record Greeting(string Text, string Publisher);

/// <summary>
/// Publishes a <see cref="Greeting"/> and logs it. Options: <c>greeting</c> (required), <c>shout</c> (bool),
/// <c>fail</c> (bool: fail to start with the greeting in the exception's message).
/// </summary>
public sealed class GreeterComponent(string greeting, string resourceName, bool fail = false) : Component
{
    public static GreeterComponent Create(ComponentConfiguration configuration)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, "Tests.GreeterComponent", "type", "components", "greeting", "shout", "fail");
        var greeting = section["greeting"] ?? throw ConfigurationValues.MissingRequired(section, "greeting", "String");
        var shout = ConfigurationValues.Exists(section, "shout") && ConfigurationValues.ParseBoolean(section.GetSection("shout"));
        var fail = ConfigurationValues.Exists(section, "fail") && ConfigurationValues.ParseBoolean(section.GetSection("fail"));
        return new GreeterComponent(shout ? greeting.ToUpperInvariant() : greeting, configuration.ResourceName, fail);
    }

    public override ValueTask StartAsync(Context context, CancellationToken cancellationToken)
    {
        Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(
            context.LoggerFactory.CreateLogger("Tests.Greeter"), "Greeting is {Greeting}", greeting);
        if (fail)
        {
            throw new InvalidOperationException($"could not greet with '{greeting}'");
        }

        context.AddResource(new Greeting(greeting, Path ?? "?"), resourceName);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Does nothing; type <c>idle</c>.</summary>
public sealed class IdleComponent : Component;

/// <summary>
/// The root: declares a <c>greeter</c> child, prints the greeting it takes (option <c>greeter</c> names
/// which) and returns <c>exitCode</c>.
/// </summary>
public sealed class GreetingApp(string greeterName, int exitCode, TextWriter output) : CliApplicationComponent
{
    public static GreetingApp Create(ComponentConfiguration configuration, TextWriter output)
    {
        var section = configuration.Section;
        ConfigurationValues.CheckKeys(section, "Tests.GreetingApp", "type", "components", "greeter", "exitCode");
        var exitCode = ConfigurationValues.Exists(section, "exitCode") ? ConfigurationValues.Parse<int>(section.GetSection("exitCode"), "Int32") : 0;
        return new GreetingApp(section["greeter"] ?? "default", exitCode, output);
    }

    public override async Task<int?> RunAsync(Context context, CancellationToken cancellationToken)
    {
        var greeting = await context.GetResourceAsync<Greeting>(greeterName, cancellationToken);
        await output.WriteLineAsync($"{greeting.Text} (from {greeting.Publisher})");
        return exitCode;
    }
}

/// <summary>The test application's definition, shaped like the generator's output.</summary>
public static class TestApplication
{
    public static ComponentTypes Types(TextWriter? output = null) =>
    [
        new ComponentTypeInfo("app", "Tests.GreetingApp", c => GreetingApp.Create(c, output ?? TextWriter.Null))
        {
            Children = [new("greeter", "greeter")],
            Consumes = [new("Tests.Greeting") { NameOption = "greeter" }],
        },
        new ComponentTypeInfo("greeter", "Tests.GreeterComponent", GreeterComponent.Create)
        {
            Provides = [new("Tests.Greeting")],
        },
        new ComponentTypeInfo("idle", "Tests.IdleComponent", _ => new IdleComponent()),
    ];

    public static ApplicationDefinition Definition(TextWriter output) => new()
    {
        Name = "greeting",
        ComponentTypes = Types(output),
        RootType = "app",
        EnvironmentPrefix = "GREETING_",
        ConfigureOptions = options =>
        {
            options.HandleStopSignals = false;
            options.LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        },
    };
}
