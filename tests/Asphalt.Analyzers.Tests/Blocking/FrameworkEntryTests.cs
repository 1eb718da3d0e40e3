using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>Synchronous component steps and signal listeners run on the framework's async path.</summary>
public class FrameworkEntryTests
{
    // Copies of the runtime's attributes: the analyzers match them by name, as a package consumer's code would.
    private const string Attributes = """
        namespace Asphalt
        {
            [AttributeUsage(AttributeTargets.Class)] public sealed class ComponentAttribute : Attribute { }
            [AttributeUsage(AttributeTargets.Method)] public sealed class SignalListenerAttribute : Attribute { }
        }

        """;

    [Fact]
    public Task Synchronous_component_steps_are_async_entry_points() => AnalyzeAsync(Attributes + """
        [Asphalt.Component]
        public sealed class Loader
        {
            public void StartAsync(object context) { {|ASPH1001:Thread.Sleep(100)|}; _ = {|ASPH1001:File.ReadAllText("seed.txt")|}; }
            public void Prepare() => {|#0:Warm()|};
            public int Run() { {|ASPH1001:Thread.Sleep(1)|}; return 0; }
            void Warm() => {|#1:File.ReadAllBytes("cache.bin")|};
            public void Helper() => Thread.Sleep(1);
        }
        """, Chain());

    [Fact]
    public Task Synchronous_signal_listeners_are_async_entry_points() => AnalyzeAsync(Attributes + """
        public sealed record Saved(string Line);
        public sealed class Audit
        {
            [Asphalt.SignalListener] public void OnSaved(Saved e) => {|ASPH1001:File.AppendAllText("audit.log", e.Line)|};
            public void NotAListener(Saved e) => File.AppendAllText("audit.log", e.Line);
        }
        """);

    [Fact]
    public Task Steps_of_classes_that_are_not_components_are_not_entry_points() => AnalyzeAsync("""
        public sealed class Plain { public void StartAsync() => Thread.Sleep(100); public void Run() => File.ReadAllText("x"); }
        """);
}
