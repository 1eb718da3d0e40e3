namespace Asphalt.Generators.Tests;

/// <summary>Programs the tests compile, generate, analyze and run.</summary>
internal static class TestSources
{
    /// <summary>A three-component app: the root publishes a log in prepare; store and web take resources.</summary>
    public const string App = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Asphalt;

        namespace Demo;

        public sealed class Log
        {
            private readonly List<string> _lines = new();
            public void Add(string line) { lock (_lines) _lines.Add(line); }
            public string[] Lines { get { lock (_lines) return _lines.ToArray(); } }
        }

        public sealed class Store(Log log) : IAsyncDisposable
        {
            private static int s_next = 41;
            public int Id { get; } = System.Threading.Interlocked.Increment(ref s_next);
            public ValueTask DisposeAsync() { log.Add("dispose store"); return ValueTask.CompletedTask; }
        }

        public interface IClock { string Now { get; } }
        public sealed class FixedClock : IClock { public string Now => "noon"; }

        public sealed record Greeting(string Text);

        [Component("store")]
        public sealed partial class StoreComponent
        {
            [return: Resource(Owned = true)]
            public async Task<Store> StartAsync(Log log, CancellationToken cancellationToken)
            {
                await Task.Delay(20, cancellationToken);
                log.Add("start store");
                return new Store(log);
            }
        }

        [Component]
        public sealed partial class ClockComponent
        {
            [Resource("clock", PublishAs = typeof(IClock))]
            public FixedClock Clock { get; } = new();

            [Signal("ticks")]
            public Signal<int> Ticks { get; } = new("ticks");

            public void StartAsync(Log log) => log.Add("start clock");
        }

        [Component("web")]
        public sealed partial class WebComponent
        {
            private Log? _log;

            [SignalListener("ticks")]
            private void OnTick(int tick) => _log!.Add($"tick {tick}");

            public Task StartAsync(Store store, [Resource("clock")] IClock clock, Greeting? greeting, Log log, Context context)
            {
                _log = log;
                log.Add($"start web with store {store.Id} at {clock.Now}, greeting {(greeting is null ? "none" : greeting.Text)}");
                context.AddTeardown(() => log.Add("teardown web"));
                return Task.CompletedTask;
            }
        }

        [Component]
        [ChildComponent<StoreComponent>("store")]
        [ChildComponent<ClockComponent>("clock")]
        [ChildComponent<WebComponent>("web")]
        public sealed partial class DemoApp
        {
            private readonly Log _log = new();

            [return: Resource]
            public Log PrepareAsync()
            {
                _log.Add("prepare app");
                return _log;
            }

            public IClock? ClockSeen { get; private set; }

            public async Task StartAsync(Log log, Store store, [Resource("clock")] IClock clock, [Resource("ticks")] Signal<int> ticks)
            {
                ClockSeen = clock;
                log.Add("start app");
                await ticks.DispatchAsync(1);
            }
        }

        public static class Scenario
        {
            public static async Task<string[]> RunAsync()
            {
                var context = new Context();
                var app = DemoApp.Create();
                await context.StartComponentAsync(app, TimeSpan.FromSeconds(5));
                var log = context.GetResource<Log>();
                log.Add($"running with store {context.GetResource<Store>().Id}, clock {context.GetResource<IClock>("clock") == app.ClockSeen}");
                await context.CloseAsync();
                return log.Lines;
            }

            public static Task<string[]> ConfiguredChildrenAsync(System.Collections.Generic.IEnumerable<System.Collections.Generic.KeyValuePair<string, string?>> values)
            {
                var section = Microsoft.Extensions.Configuration.MemoryConfigurationBuilderExtensions
                    .AddInMemoryCollection(new Microsoft.Extensions.Configuration.ConfigurationBuilder(), values).Build().GetSection("app");
                try
                {
                    var app = DemoApp.Create(section);
                    return Task.FromResult(System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(app.Children, c => c.Alias + ":" + c.Component.GetType().Name)));
                }
                catch (ConfigurationBindingException error)
                {
                    return Task.FromResult(new[] { "error at " + error.Path + ": " + error.Message });
                }
            }

            public static async Task<string> ResourceNameShortcutAsync()
            {
                var types = Asphalt.Generated.ComponentRegistry.CreateTypes();
                types.TryGet("store", out var store);
                var section = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build().GetSection("component:components:store/backup");
                var component = store!.Create(new Asphalt.Configuration.ComponentConfiguration("app/store_backup", "store/backup", "store", "backup", section));
                var context = new Context();
                context.AddResource(new Log());
                await context.StartComponentAsync(component, TimeSpan.FromSeconds(5));
                var found = context.TryGetResource<Store>("backup", out _) && !context.TryGetResource<Store>("default", out _);
                await context.CloseAsync();
                return string.Join(",", types.Aliases) + " backup=" + found;
            }

            public static Task<string> GraphAsync() => Task.FromResult(DemoApp.WiringPlan.Mermaid + "\n---\n" + DemoApp.WiringPlan.Dot
                + "\n---\n" + string.Join(" | ", System.Linq.Enumerable.Select(DemoApp.WiringPlan.StartStages, s => string.Join(",", s))));
        }
        """;
}
