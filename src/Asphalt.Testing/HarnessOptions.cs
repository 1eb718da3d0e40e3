using Microsoft.Extensions.Logging;

namespace Asphalt.Testing;

/// <summary>How <see cref="ComponentHarness.StartAsync"/> starts the components under test.</summary>
public sealed class HarnessOptions
{
    internal List<Action<Context>> Overrides { get; } = [];

    /// <summary>How long start-up may take (default 10 s, as an application's).</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long <see cref="ComponentHarness.WaitForLogAsync"/> and <see cref="SignalRecorder{TEvent}.WaitForAsync"/> wait by default (10 s).</summary>
    public TimeSpan WaitTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The root's name in component paths (default <c>app</c>).</summary>
    public string RootAlias { get; set; } = "app";

    /// <summary>The lowest level captured (default Debug, which includes Asphalt's own start-up lines).</summary>
    public LogLevel MinimumLogLevel { get; set; } = LogLevel.Debug;

    /// <summary>
    /// Puts <paramref name="value"/> in place of resource <typeparamref name="T"/> <paramref name="name"/>:
    /// published before start-up, and kept even where a component of the tree publishes the real one
    /// (see <see cref="Context.OverrideResource{T}"/>).
    /// </summary>
    /// <returns>These options, to chain overrides.</returns>
    public HarnessOptions Override<T>(T value, string name = ResourceKey.DefaultName)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(value);
        Overrides.Add(context => context.OverrideResource(value, name));
        return this;
    }
}
