using Asphalt.Analyzers.Blocking;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>
/// ASPH1002's "make the chain async" fix. The harness also runs Fix All in document, project and
/// solution scope on every case and checks it reaches the same code.
/// </summary>
public class AsyncChainFixTests
{
    private const string Offload = "Offload the call with 'await Task.Run'";

    private static Task Fix(string source, string fixedSource) => Fix([source], [fixedSource]);

    private static Task Fix(string[] sources, string[] fixedSources)
    {
        var test = new CSharpCodeFixTest<TransitiveBlockingCallAnalyzer, TransitiveBlockingCallCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            CodeActionEquivalenceKey = TransitiveBlockingCallCodeFixProvider.MakeChainAsyncKey,
        };
        for (var i = 0; i < sources.Length; i++)
        {
            test.TestState.Sources.Add(($"File{i}.cs", Verify.Usings + sources[i]));
            test.FixedState.Sources.Add(($"File{i}.cs", Verify.Usings + fixedSources[i]));
        }

        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;
        return test.RunAsync();
    }

    [Fact]
    public Task Void_method_becomes_async_Task_and_its_call_is_awaited() => Fix("""
        class C
        {
            async Task M() { await Task.Yield(); {|ASPH1002:Pause()|}; }
            void Pause() => Thread.Sleep(1);
        }
        """, """
        class C
        {
            async Task M() { await Task.Yield(); await PauseAsync(); }
            async Task PauseAsync() => await Task.Delay(1);
        }
        """);

    [Fact]
    public Task Method_returning_a_value_returns_Task_of_it() => Fix("""
        class C
        {
            async Task<int> M(string path) { await Task.Yield(); return {|ASPH1002:Load(path)|}.Length; }

            string Load(string path)
            {
                return File.ReadAllText(path);
            }
        }
        """, """
        class C
        {
            async Task<int> M(string path) { await Task.Yield(); return (await LoadAsync(path)).Length; }

            async Task<string> LoadAsync(string path)
            {
                return await File.ReadAllTextAsync(path);
            }
        }
        """);

    [Fact]
    public Task Two_level_chain_becomes_async_and_every_async_caller_awaits_it() => Fix("""
        class C
        {
            async Task M() { await Task.Yield(); {|ASPH1002:Outer()|}; }

            Task<int> N()
            {
                {|ASPH1002:Inner(2)|};
                return Task.FromResult(2);
            }

            void Outer()
            {
                Log("start");
                Inner(1);
            }

            void Inner(int n)
            {
                File.AppendAllText("log", n.ToString());
            }

            void Log(string text) { }
        }
        """, """
        class C
        {
            async Task M() { await Task.Yield(); await OuterAsync(); }

            async Task<int> N()
            {
                await InnerAsync(2);
                return 2;
            }

            async Task OuterAsync()
            {
                Log("start");
                await InnerAsync(1);
            }

            async Task InnerAsync(int n)
            {
                await File.AppendAllTextAsync("log", n.ToString());
            }

            void Log(string text) { }
        }
        """);

    [Fact]
    public Task Fix_All_changes_a_helper_shared_across_documents_once() => Fix(
        [
            """
            class Store
            {
                internal string Read(string key) => File.ReadAllText(key);
            }
            """,
            """
            class A { async Task<string> Get(Store s) { await Task.Yield(); return {|ASPH1002:s.Read("a")|}; } }
            """,
            """
            class B { async Task<int> Size(Store s) { await Task.Yield(); return {|ASPH1002:s.Read("b")|}.Length; } }
            """,
        ],
        [
            """
            class Store
            {
                internal async Task<string> ReadAsync(string key) => await File.ReadAllTextAsync(key);
            }
            """,
            """
            class A { async Task<string> Get(Store s) { await Task.Yield(); return await s.ReadAsync("a"); } }
            """,
            """
            class B { async Task<int> Size(Store s) { await Task.Yield(); return (await s.ReadAsync("b")).Length; } }
            """,
        ]);

    [Fact]
    public async Task Offered_with_a_title_naming_every_method_it_changes()
    {
        var titles = await OfferedTitles("""
            class C
            {
                async Task M() { await Task.Yield(); Outer(); }
                void Outer() => Inner();
                void Inner() => Thread.Sleep(1);
            }
            """);
        Assert.Equal(["Make the chain async (Outer → OuterAsync, Inner → InnerAsync) and await it", Offload], titles);
    }

    [Fact]
    public async Task Not_offered_when_a_method_on_the_chain_has_an_out_parameter()
    {
        var titles = await OfferedTitles("""
            class C
            {
                async Task M() { await Task.Yield(); Load(); }
                void Load() { Parse("a", out _); }
                bool Parse(string path, out int length) { length = File.ReadAllText(path).Length; return true; }
            }
            """);
        Assert.Equal([Offload], titles);
    }

    [Fact]
    public async Task Not_offered_for_an_interface_implementation()
    {
        var titles = await OfferedTitles("""
            interface IStore { string Load(); }
            class Store : IStore { public string Load() => File.ReadAllText("a"); }
            class C { async Task M(Store s) { await Task.Yield(); s.Load(); } }
            """);
        Assert.Equal([Offload], titles);
    }

    [Fact]
    public async Task Not_offered_when_sync_code_also_calls_the_method()
    {
        var titles = await OfferedTitles("""
            class C
            {
                async Task M() { await Task.Yield(); Load(); }
                void Main2() { Load(); }
                void Load() => Thread.Sleep(1);
            }
            """);
        Assert.Equal([Offload], titles);
    }

    [Fact]
    public async Task Not_offered_for_a_library_public_method_but_offered_in_an_application()
    {
        const string source = """
            public class C
            {
                public async Task M() { await Task.Yield(); Load(); }
                public void Load() => Thread.Sleep(1);
            }
            """;

        Assert.Equal([Offload], await OfferedTitles(source));
        Assert.Equal(["Make 'Load' async (LoadAsync) and await it", Offload], await OfferedTitles(source + "\nclass P { static void Main() { } }", OutputKind.ConsoleApplication));
    }

    /// <summary>The titles of the fixes offered for each ASPH1002 in a one-file project, in order.</summary>
    private static async Task<string[]> OfferedTitles(string source, OutputKind outputKind = OutputKind.DynamicallyLinkedLibrary)
    {
        var references = await ReferenceAssemblies.Net.Net80.ResolveAsync(LanguageNames.CSharp, CancellationToken.None);
        using var workspace = new AdhocWorkspace();
        var document = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithMetadataReferences(references)
            .WithCompilationOptions(new CSharpCompilationOptions(outputKind, nullableContextOptions: NullableContextOptions.Enable))
            .AddDocument("Test.cs", Verify.Usings + source);
        var compilation = await document.Project.GetCompilationAsync();
        var diagnostics = await compilation!.WithAnalyzers([new TransitiveBlockingCallAnalyzer()]).GetAnalyzerDiagnosticsAsync();
        Assert.Single(diagnostics);

        var titles = new List<string>();
        var context = new CodeFixContext(document, diagnostics[0], (action, _) => titles.Add(action.Title), CancellationToken.None);
        await new TransitiveBlockingCallCodeFixProvider().RegisterCodeFixesAsync(context);
        return [.. titles];
    }
}
