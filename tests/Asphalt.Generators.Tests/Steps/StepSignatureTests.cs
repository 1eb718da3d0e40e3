using System.Collections.Immutable;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Asphalt.Generators.Tests.Steps;

/// <summary>Step methods as users write them (issue 10): the natural signature, synchronous names, a clean IntelliSense list.</summary>
public sealed class StepSignatureTests
{
    private const string KeyValueStore = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;
        namespace Kv;
        public sealed class KeyValueStore { public string Get(string key) => key + "!"; }

        [Component("kvstore")]
        public sealed partial class KvStoreComponent
        {
            public static bool TornDown;

            // The signature a user writes first: the base class's parameters, a typed result.
            [return: Resource]
            public async Task<KeyValueStore> StartAsync(Context context, CancellationToken ct)
            {
                await Task.Delay(1, ct);
                context.AddTeardown(() => TornDown = true);
                return new KeyValueStore();
            }
        }

        [Component, ChildComponent<KvStoreComponent>("store")]
        public sealed partial class App : CliApplicationComponent
        {
            // A synchronous step named without "Async".
            public int Run(KeyValueStore store) => store.Get("a") == "a!" ? 7 : 1;
        }

        public static class Scenario
        {
            public static async Task<int> RunAsync()
            {
                var code = await Application.RunAsync(App.Create(), new ApplicationOptions
                {
                    HandleStopSignals = false,
                    LoggerFactory = Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance,
                });
                return KvStoreComponent.TornDown ? code : -1;
            }
        }
        """;

    [Fact]
    public async Task A_ValueTask_step_that_completed_at_once_is_consumed_once_before_the_members_are_published()
    {
        // Found by review: the finishing path read no result from a completed non-generic ValueTask, so a
        // pooled source behind it was never returned (IValueTaskSource.GetResult never called).
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System;
            using System.Threading.Tasks;
            using System.Threading.Tasks.Sources;
            using Asphalt;
            namespace Pooled;
            public sealed class Store;
            public sealed class CountingSource : IValueTaskSource
            {
                public int Results;
                public ValueTaskSourceStatus GetStatus(short token) => ValueTaskSourceStatus.Succeeded;
                public void GetResult(short token) => Results++;
                public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
                    throw new InvalidOperationException("completed already");
            }
            [Component]
            public sealed partial class StoreComponent
            {
                public static readonly CountingSource Source = new();
                [Resource] public Store Store { get; } = new();
                public ValueTask StartAsync() => new(Source, 0);
            }
            public static class Scenario
            {
                public static async Task<int> StartAsync()
                {
                    await using var context = new Context();
                    await context.StartComponentAsync(StoreComponent.Create());
                    _ = context.GetResource<Store>("default");
                    return StoreComponent.Source.Results;
                }
            }
            """);

        Assert.Equal(1, await GeneratorHarness.InvokeAsync<int>(assembly, "Pooled.Scenario", "StartAsync"));
    }

    [Fact]
    public async Task A_step_with_the_base_class_signature_and_a_typed_result_runs()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync(KeyValueStore);

        Assert.Equal(7, await GeneratorHarness.InvokeAsync<int>(assembly, "Kv.Scenario", "RunAsync"));
    }

    [Fact]
    public async Task Hiding_the_base_class_step_is_not_a_warning_for_a_component()
    {
        var generated = GeneratorHarness.Generate(GeneratorHarness.Compile(KeyValueStore + """

            public class NotAComponent : Component
            {
                public Task<KeyValueStore> StartAsync(Context context, CancellationToken ct) => Task.FromResult(new KeyValueStore());
            }
            """));
        var analyzers = generated.Output.WithAnalyzers(
            ImmutableArray.Create<DiagnosticAnalyzer>(new WiringAnalyzer(), new StepMethodSuppressor()),
            new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty), onAnalyzerException: null,
                concurrentAnalysis: false, logAnalyzerExecutionTime: false, reportSuppressedDiagnostics: true));

        var all = await analyzers.GetAllDiagnosticsAsync();
        var hiding = all.Where(d => d.Id == "CS0114").ToList();

        Assert.Equal(2, generated.Output.GetDiagnostics().Count(d => d.Id == "CS0114")); // Both hide Component.StartAsync.
        // The component's step is the generated override's target; a plain subclass still hears about it.
        Assert.Equal(2, hiding.Count);
        Assert.Single(hiding, d => d.IsSuppressed && d.GetMessage().Contains("KvStoreComponent.StartAsync", StringComparison.Ordinal));
        Assert.Single(hiding, d => !d.IsSuppressed && d.GetMessage().Contains("NotAComponent.StartAsync", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Synchronous_steps_may_be_named_Prepare_and_Start()
    {
        var assembly = await GeneratorHarness.BuildAndLoadAsync("""
            using System;
            using System.Threading.Tasks;
            using Asphalt;
            namespace Sync;
            public sealed record Settings(string Name);
            public sealed record Greeter(Settings Settings);
            [Component] public sealed partial class Child
            {
                [return: Resource] public Greeter Start(Settings settings) => new(settings);
            }
            [Component, ChildComponent<Child>("child")]
            public sealed partial class Root
            {
                public static string? Seen;
                [return: Resource] public Settings Prepare() => new("sync");
                public void Start(Greeter greeter) => Seen = greeter.Settings.Name;
            }
            public static class Scenario
            {
                public static async Task<string?> RunAsync()
                {
                    await using var context = new Context();
                    await context.StartComponentAsync(Root.Create(), TimeSpan.FromMinutes(1));
                    return Root.Seen;
                }
            }
            """);

        Assert.Equal("sync", await GeneratorHarness.InvokeAsync<string?>(assembly, "Sync.Scenario", "RunAsync"));
    }

    [Fact]
    public async Task Both_names_for_one_step_is_an_error()
    {
        var program = await GeneratorHarness.AnalyzeAsync("""
            using System.Threading.Tasks;
            using Asphalt;
            namespace Sync;
            [Component] public sealed partial class Twice { public void Start() { } public Task StartAsync() => Task.CompletedTask; }
            """);

        var diagnostic = Assert.Single(program.Wiring);
        Assert.Equal("ASPH0004", diagnostic.Id);
        Assert.Contains("both Start and StartAsync", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Empty(program.CompilerErrors);
    }

    [Fact]
    public async Task Generated_overrides_and_plumbing_are_hidden_from_IntelliSense()
    {
        var program = await GeneratorHarness.AnalyzeAsync(KeyValueStore);
        program.AssertClean();
        var root = program.Generated.Output.SyntaxTrees.Single(t => t.FilePath.EndsWith("Kv_App.Component.g.cs", StringComparison.Ordinal));
        var model = program.Generated.Output.GetSemanticModel(root);
        var app = program.Generated.Output.GetTypeByMetadataName("Kv.App")!;

        var hidden = app.GetMembers().Where(m => m.DeclaringSyntaxReferences.Any(r => r.SyntaxTree == root) && !m.IsImplicitlyDeclared)
            .GroupBy(m => m.Name) // Create and Create(configuration) are both what users call.
            .ToDictionary(g => g.Key, g => g.All(m => m.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.EditorBrowsableAttribute")));

        Assert.False(hidden["Create"]); // What users call.
        Assert.True(hidden["RunAsync"]);
        Assert.True(hidden["__CreateConfigured"]);
        Assert.True(hidden["__resourceName"]);
        var kv = program.Generated.Output.GetTypeByMetadataName("Kv.KvStoreComponent")!;
        Assert.Contains(kv.GetMembers().OfType<IMethodSymbol>(), m => m.IsOverride
            && m.GetAttributes().Any(a => a.AttributeClass?.Name == "EditorBrowsableAttribute"));
        Assert.NotNull(model);
        Assert.Contains(typeof(StepRetry).GetCustomAttributesData(), a => a.AttributeType == typeof(System.ComponentModel.EditorBrowsableAttribute));
    }
}
