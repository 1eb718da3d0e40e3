using Asphalt;

namespace MinimalApi;

/// <summary>The tree's root: one child that publishes the greeter.</summary>
[Component]
[ChildComponent<GreeterComponent>("greeter")]
public sealed partial class App;

/// <summary>Publishes an <see cref="IGreeter"/> named <c>default</c>; takes the host's environment from its services.</summary>
[Component("greeter")]
public sealed partial class GreeterComponent(GreeterOptions options)
{
    [return: Resource(PublishAs = typeof(IGreeter))]
    public Greeter StartAsync(Context context, [FromServices] IHostEnvironment environment)
    {
        // Named by the component's path in the tree (app/greeter), wherever configuration puts it.
        context.Lifetime.AddHealthCheck(Path!, _ => ValueTask.FromResult(ComponentHealth.Healthy($"greeting '{options.Greeting}'")));
        return new Greeter(options.Greeting, environment.ApplicationName);
    }
}

/// <summary>The greeter's options (<c>Asphalt:components:greeter:greeting</c>).</summary>
public sealed class GreeterOptions
{
    /// <summary>The word to greet with.</summary>
    public string Greeting { get; set; } = "Hello";
}

/// <summary>Greets.</summary>
public interface IGreeter
{
    /// <summary>Greets <paramref name="name"/>.</summary>
    string Greet(string name);
}

/// <summary>Greets with a fixed word, signed by the application.</summary>
public sealed record Greeter(string Greeting, string Application) : IGreeter
{
    /// <inheritdoc />
    public string Greet(string name) => $"{Greeting}, {name}! (from {Application})";
}
