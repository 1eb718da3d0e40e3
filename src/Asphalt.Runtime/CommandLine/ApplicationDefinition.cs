using Asphalt.Configuration;
using Asphalt.Trees;

namespace Asphalt.CommandLine;

/// <summary>
/// Everything the command line needs to know about an application: its component types, the root
/// type, the tree the code declares, and extra checks. The source generator emits one per
/// application (<c>MyApp.Definition</c>); it can also be written by hand. A record, so a generated
/// definition can be adjusted: <c>MyApp.Definition with { EnvironmentPrefix = "MYAPP_" }</c>.
/// </summary>
/// <example>
/// <code>
/// return await AsphaltCommandLine.RunAsync(args, new ApplicationDefinition
/// {
///     Name = "webnotifier",
///     ComponentTypes = { new ComponentTypeInfo("app", "WebNotifier.App", c => new App()) { Children = [new("detector", "detector")] } },
///     RootType = "app",
/// });
/// </code>
/// </example>
public sealed record ApplicationDefinition
{
    /// <summary>The application's name, shown in help and errors.</summary>
    public required string Name { get; init; }

    /// <summary>One line describing the application, shown by <c>--help</c>.</summary>
    public string? Description { get; init; }

    // Created on first use: --help and a command line that does not parse need no component type,
    // and a generated registry of N types is N objects built before anything is printed.
    private Lazy<ComponentTypes> _componentTypes = new(static () => []);
    private Lazy<WiringPlan?> _declaredPlan = new((WiringPlan?)null);

    /// <summary>The component types configuration may name with <c>type:</c>.</summary>
    public ComponentTypes ComponentTypes
    {
        get => _componentTypes.Value;
        init => _componentTypes = new(value);
    }

    /// <summary>
    /// Creates <see cref="ComponentTypes"/> the first time a command needs them (the generated
    /// definition sets this), so <c>--help</c> builds no registry. Setting <see cref="ComponentTypes"/>
    /// after this replaces it.
    /// </summary>
    public Func<ComponentTypes> CreateComponentTypes
    {
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _componentTypes = new(value);
        }
    }

    /// <summary>The root component's type alias, used when <c>component.type</c> is not configured.</summary>
    public required string RootType { get; init; }

    /// <summary>The root's name in component paths (default <c>app</c>).</summary>
    public string RootAlias { get; init; } = TreeRules.RootAlias;

    /// <summary>
    /// Configuration the code supplies, below every file (flattened keys such as
    /// <c>component:components:mailer:backend</c> → <c>console</c>).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Defaults { get; init; } = [];

    /// <summary>
    /// The prefix of environment variables that set configuration keys (<c>WEBNOTIFIER_</c> lets
    /// <c>WEBNOTIFIER_component__components__mailer__host</c> set the mailer's host); null for none.
    /// </summary>
    public string? EnvironmentPrefix { get; init; }

    /// <summary>The wiring the build computed from code alone (generated); <c>graph --declared</c> prints it.</summary>
    public WiringPlan? DeclaredPlan
    {
        get => _declaredPlan.Value;
        init => _declaredPlan = new(value);
    }

    /// <summary>
    /// Creates <see cref="DeclaredPlan"/> the first time <c>graph --declared</c> asks for it (the generated
    /// definition sets this), so no other command builds it.
    /// </summary>
    public Func<WiringPlan> CreateDeclaredPlan
    {
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _declaredPlan = new(value);
        }
    }

    /// <summary>Further checks <c>check</c> runs on a loaded configuration (and <c>run</c> before starting).</summary>
    public IReadOnlyList<Func<LoadedConfiguration, IEnumerable<ConfigurationError>>> Checks { get; init; } = [];

    /// <summary>Adjusts the runner's options after the configuration's settings are applied (tests turn off signal handling here).</summary>
    public Action<ApplicationOptions>? ConfigureOptions { get; init; }
}
