using Asphalt.Generators.Tests.Harness;

namespace Asphalt.Generators.Tests.Steps;

/// <summary>Framework services as parameters (issue 15): loggers, the logger factory and the clock, in constructors and steps.</summary>
public sealed class FrameworkServiceTests
{
    private const string Capture = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Logging;
        namespace Services;

        public sealed class CapturingLoggerFactory : ILoggerFactory
        {
            public readonly List<string> Lines = new();
            public ILogger CreateLogger(string categoryName) => new Captured(this, categoryName);
            public void AddProvider(ILoggerProvider provider) { }
            public void Dispose() { }
            private sealed class Captured(CapturingLoggerFactory owner, string category) : ILogger
            {
                public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
                public bool IsEnabled(LogLevel logLevel) => true;
                public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
                {
                    lock (owner.Lines) owner.Lines.Add(category + ": " + formatter(state, exception));
                }
            }
        }

        public sealed class FixedClock : TimeProvider
        {
            public override DateTimeOffset GetUtcNow() => new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        }

        """;

    [Fact]
    public async Task Loggers_and_the_logger_factory_come_from_the_context_with_the_type_as_category()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Capture + """
            public sealed class WebOptions { public string Name { get; set; } = "web"; }
            [Component]
            public sealed partial class Web(WebOptions options, ILogger<Web> log, ILoggerFactory factory, ILogger plain)
            {
                private readonly ILogger _early = Early(log);

                private static ILogger Early(ILogger<Web> log)
                {
                    log.LogInformation("constructed"); // Before start: kept until the context's factory is known.
                    return log;
                }

                public void StartAsync(ILogger<WebOptions> stepLog, ILogger stepPlain, ILoggerFactory stepFactory, CancellationToken ct)
                {
                    _early.LogInformation("constructor logger in {Name}", options.Name);
                    factory.CreateLogger("custom").LogInformation("constructor factory");
                    plain.LogInformation("constructor plain logger");
                    stepLog.LogInformation("step logger");
                    stepPlain.LogInformation("step plain logger");
                    stepFactory.CreateLogger("custom").LogInformation("step factory");
                }
            }
            public static class Scenario
            {
                public static async Task<string[]> RunAsync()
                {
                    var factory = new CapturingLoggerFactory();
                    await using (var context = new Context(factory))
                    {
                        await context.StartComponentAsync(Web.Create(), TimeSpan.FromMinutes(1));
                    }

                    lock (factory.Lines) return factory.Lines.FindAll(l => !l.StartsWith("Asphalt", StringComparison.Ordinal)).ToArray();
                }
            }
            """);

        var lines = await GeneratorHarness.InvokeAsync<string[]>(assembly, "Services.Scenario", "RunAsync");

        Assert.Equal(
            [
                "Services.Web: constructed",
                "Services.Web: constructor logger in web",
                "custom: constructor factory",
                "Services.Web: constructor plain logger",
                "Services.WebOptions: step logger",
                "Services.Web: step plain logger",
                "custom: step factory",
            ],
            lines);
    }

    [Theory]
    [InlineData(true, "2000 2000")]
    [InlineData(false, "now now")]
    public async Task TimeProvider_is_the_published_one_or_the_system_clock(bool publish, string expected)
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(Capture + """
            [Component]
            public sealed partial class Timer(TimeProvider constructed)
            {
                public static string? Seen;
                public void StartAsync(TimeProvider time) =>
                    Seen = Describe(constructed) + " " + Describe(time);
                private static string Describe(TimeProvider clock) =>
                    clock.GetUtcNow().Year == 2000 ? "2000" : Math.Abs((clock.GetUtcNow() - DateTimeOffset.UtcNow).TotalDays) < 1 ? "now" : "wrong";
            }
            public sealed class RootOptions { public bool Publish { get; set; } }
            [Component, ChildComponent<Timer>("timer")]
            public sealed partial class Root(RootOptions options)
            {
                // Published before the children start: the documented way to give the tree a clock.
                public void PrepareAsync(Context context)
                {
                    if (options.Publish) context.AddResource<TimeProvider>(new FixedClock());
                }
            }
            public static class Scenario
            {
                public static async Task<string?> RunAsync(bool publish)
                {
                    var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder()
                        .AddInMemoryCollection(new Dictionary<string, string?> { ["publish"] = publish ? "true" : "false" }).Build();
                    await using var context = new Context();
                    await context.StartComponentAsync(Root.Create(configuration), TimeSpan.FromMinutes(1));
                    return Timer.Seen;
                }
            }
            """);

        Assert.Equal(expected, await GeneratorHarness.InvokeAsync<string?>(assembly, "Services.Scenario", "RunAsync", publish));
    }

    [Fact]
    public async Task Framework_services_are_neither_options_nor_resources_to_the_build()
    {
        var program = await GeneratorHarness.AnalyzeAsync(Capture + """
            [Component] public sealed partial class Web(ILogger<Web> log) { public void StartAsync(ILogger<Web> log2, ILoggerFactory factory, TimeProvider time, ILogger? maybe) { } }
            [Component, ChildComponent<Web>("web")] public sealed partial class App { }
            """);

        program.AssertClean();
    }
}
