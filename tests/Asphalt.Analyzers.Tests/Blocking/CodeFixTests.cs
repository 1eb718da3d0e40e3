using Asphalt.Analyzers.Blocking;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace Asphalt.Analyzers.Tests.Blocking;

public class CodeFixTests
{
    private static Task Fix(string source, string fixedSource) =>
        Verify.FixAsync<BlockingCallAnalyzer, BlockingCallCodeFixProvider>(source, fixedSource);

    [Fact]
    public Task Result_becomes_await() => Fix("""
        class C { async Task<int> M(Task<int> t) { await Task.Yield(); return {|ASPH1001:t.Result|} + 1; } }
        """, """
        class C { async Task<int> M(Task<int> t) { await Task.Yield(); return await t + 1; } }
        """);

    [Fact]
    public Task GetResult_becomes_await_keeping_ConfigureAwait() => Fix("""
        class C { async Task<int> M(Task<int> t) { await Task.Yield(); return {|ASPH1001:t.ConfigureAwait(false).GetAwaiter().GetResult()|}; } }
        """, """
        class C { async Task<int> M(Task<int> t) { await Task.Yield(); return await t.ConfigureAwait(false); } }
        """);

    [Fact]
    public Task Wait_becomes_await_and_member_access_is_parenthesized() => Fix("""
        class C { async Task M(Task u, Task<string> t) { await Task.Yield(); {|ASPH1001:u.Wait()|}; _ = {|ASPH1001:t.Result|}.Length; } }
        """, """
        class C { async Task M(Task u, Task<string> t) { await Task.Yield(); await u; _ = (await t).Length; } }
        """);

    [Fact]
    public Task WaitAll_and_WaitAny_become_WhenAll_and_WhenAny() => Fix("""
        class C { async Task M(Task a, Task b) { await Task.Yield(); {|ASPH1001:Task.WaitAll(a, b)|}; {|ASPH1001:Task.WaitAny(a, b)|}; } }
        """, """
        class C { async Task M(Task a, Task b) { await Task.Yield(); await Task.WhenAll(a, b); await Task.WhenAny(a, b); } }
        """);

    [Fact]
    public Task Sleep_becomes_Delay_with_token_in_scope() => Fix("""
        class C { async Task M(CancellationToken cancellationToken) { await Task.Yield(); {|ASPH1001:Thread.Sleep(100)|}; } }
        """, """
        class C { async Task M(CancellationToken cancellationToken) { await Task.Yield(); await Task.Delay(100, cancellationToken); } }
        """);

    [Fact]
    public Task Sleep_becomes_Delay_without_token() => Fix("""
        class C { async Task M() { await Task.Yield(); {|ASPH1001:Thread.Sleep(TimeSpan.FromSeconds(1))|}; } }
        """, """
        class C { async Task M() { await Task.Yield(); await Task.Delay(TimeSpan.FromSeconds(1)); } }
        """);

    [Fact]
    public Task Sync_api_becomes_awaited_twin_with_token() => Fix("""
        class C
        {
            async Task<string> M(string path, Stream s, byte[] buffer, SemaphoreSlim sem, CancellationToken ct)
            {
                await Task.Yield();
                {|ASPH1001:sem.Wait(ct)|};
                _ = {|ASPH1001:s.Read(buffer, 0, buffer.Length)|};
                return {|ASPH1001:File.ReadAllText(path)|};
            }
        }
        """, """
        class C
        {
            async Task<string> M(string path, Stream s, byte[] buffer, SemaphoreSlim sem, CancellationToken ct)
            {
                await Task.Yield();
                await sem.WaitAsync(ct);
                _ = await s.ReadAsync(buffer, 0, buffer.Length, ct);
                return await File.ReadAllTextAsync(path, ct);
            }
        }
        """);

    [Fact]
    public Task Non_async_task_method_is_made_async_with_returns_adjusted() => Fix("""
        class C
        {
            Task<int> Generic(Task<int> t)
            {
                if (t.Id > 3) return Task.FromResult(0);
                return Task.FromResult({|ASPH1001:t.Result|});
            }

            Task NonGeneric(string path)
            {
                _ = {|ASPH1001:File.ReadAllText(path)|};
                return Task.CompletedTask;
            }
        }
        """, """
        class C
        {
            async Task<int> Generic(Task<int> t)
            {
                if (t.Id > 3) return 0;
                return await t;
            }

            async Task NonGeneric(string path)
            {
                _ = await File.ReadAllTextAsync(path);
            }
        }
        """);

    [Fact]
    public Task No_fix_where_await_cannot_go()
    {
        // Inside lock (the lock itself is reported too: its section blocks), in a sync lambda, and a Span
        // overload with no awaitable twin: reported, not fixed.
        const string source = """
            class C
            {
                private readonly object _gate = new();
                async Task M(Task<int> t, Task<int>[] all, Stream s)
                {
                    await Task.Yield();
                    {|ASPH1001:lock (_gate)|} { _ = {|ASPH1001:t.Result|}; }
                    _ = all.Select(x => {|ASPH1001:x.Result|}).ToList();
                    _ = {|ASPH1001:s.Read(new byte[4].AsSpan())|};
                }
            }
            """;
        return Fix(source, source);
    }

    [Fact]
    public Task Fix_all_makes_the_method_async_once()
    {
        var test = new CSharpCodeFixTest<BlockingCallAnalyzer, BlockingCallCodeFixProvider, DefaultVerifier>
        {
            ReferenceAssemblies = ReferenceAssemblies.Net.Net80,
            TestCode = Verify.Usings + """
                class C
                {
                    Task<int> M(Task<int> a, Task<int> b)
                    {
                        {|ASPH1001:Thread.Sleep(1)|};
                        var x = {|ASPH1001:a.Result|};
                        return Task.FromResult(x + {|ASPH1001:b.GetAwaiter().GetResult()|});
                    }
                }
                """,
            FixedCode = Verify.Usings + """
                class C
                {
                    async Task<int> M(Task<int> a, Task<int> b)
                    {
                        await Task.Delay(1);
                        var x = await a;
                        return x + await b;
                    }
                }
                """,
            NumberOfFixAllIterations = 1,
            CodeActionEquivalenceKey = DiagnosticIds.BlockingCallInAsyncPath,
        };
        test.TestBehaviors |= TestBehaviors.SkipSuppressionCheck;

        return test.RunAsync();
    }

    [Fact]
    public Task Transitive_call_is_offloaded() =>
        Verify.FixAsync<TransitiveBlockingCallAnalyzer, TransitiveBlockingCallCodeFixProvider>("""
            class C
            {
                Task<string> M(CancellationToken ct)
                {
                    var text = {|ASPH1002:Load()|};
                    return Task.FromResult(text);
                }

                async Task N() { await Task.Yield(); {|ASPH1002:Pause()|}; }

                string Load() => File.ReadAllText("a");
                void Pause() => Thread.Sleep(1);
            }
            """, """
            class C
            {
                async Task<string> M(CancellationToken ct)
                {
                    var text = await Task.Run(() => Load(), ct);
                    return text;
                }

                async Task N() { await Task.Yield(); await Task.Run(() => Pause()); }

                string Load() => File.ReadAllText("a");
                void Pause() => Thread.Sleep(1);
            }
            """, DiagnosticIds.TransitiveBlockingCall);

    [Fact]
    public Task Transitive_call_uses_Offload_when_the_runtime_is_there() =>
        Verify.FixAsync<TransitiveBlockingCallAnalyzer, TransitiveBlockingCallCodeFixProvider>("""
            namespace Asphalt { public static class Offload { public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct = default) => Task.Run(work, ct); } }
            class C
            {
                async Task<string> M(CancellationToken ct) { await Task.Yield(); return {|ASPH1002:Load()|}; }
                string Load() => File.ReadAllText("a");
            }
            """, """
            namespace Asphalt { public static class Offload { public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct = default) => Task.Run(work, ct); } }
            class C
            {
                async Task<string> M(CancellationToken ct) { await Task.Yield(); return await Asphalt.Offload.RunAsync(() => Load(), ct); }
                string Load() => File.ReadAllText("a");
            }
            """, DiagnosticIds.TransitiveBlockingCall);

    [Fact]
    public Task Result_in_a_returned_call_leaves_no_stray_return() => Fix("""
        class C
        {
            Task Save(Task<int> t) { return Store({|ASPH1001:t.Result|}); }
            Task Early(Task<int> t, bool skip)
            {
                if (skip) return Task.CompletedTask;
                Use({|ASPH1001:t.Result|});
                return Task.CompletedTask;
            }
            Task Store(int value) => Task.CompletedTask;
            void Use(int value) { }
        }
        """, """
        class C
        {
            async Task Save(Task<int> t) { await Store(await t); }
            async Task Early(Task<int> t, bool skip)
            {
                if (skip) return;
                Use(await t);
            }
            Task Store(int value) => Task.CompletedTask;
            void Use(int value) { }
        }
        """);
}
