using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>Sync delegates handed to a method that invokes them in place are followed.</summary>
public class DelegateArgumentTests
{
    [Fact]
    public Task Method_group_invoked_by_an_async_method_is_reported_at_the_argument() => AnalyzeAsync("""
        class Client
        {
            public Task SendAsync() => RetryAsync({|#0:CanRetry|});

            static bool CanRetry(Exception e) { {|#1:Thread.Sleep(100)|}; return true; }

            static async Task RetryAsync(Func<Exception, bool> canRetry)
            {
                for (var attempt = 0; attempt < 3; attempt++)
                {
                    try { await Task.Delay(1); return; }
                    catch (Exception e) when (canRetry(e)) { }
                }
            }
        }
        """, Chain("Client.RetryAsync() → canRetry() → Client.CanRetry() → Thread.Sleep(int)", "await Task.Delay(...) instead"));

    [Fact]
    public Task Sync_lambda_invoked_by_a_sync_helper_on_an_async_path_is_reported() => AnalyzeAsync("""
        class C
        {
            async Task M() { await Task.Yield(); Each(new[] { "a" }, {|#0:p => { _ = {|#1:File.ReadAllText(p)|}; }|}); }
            static void Each(string[] items, Action<string> action) { foreach (var i in items) action(i); }
        }
        """, Chain());

    [Fact]
    public Task Delegates_that_are_stored_offloaded_or_harmless_are_not_reported() => AnalyzeAsync("""
        class C
        {
            private Action? _later;
            async Task M()
            {
                await Task.Yield();
                Store(Pause);
                await Background(Pause);
                await RetryAsync(Quick);
                Each(new[] { 1 }, Pause);
            }
            void Each(int[] items, Action action) { }
            void Store(Action a) => _later = a;
            static Task Background(Action a) => Task.Run(a);
            static async Task RetryAsync(Func<bool> canRetry) { await Task.Yield(); _ = canRetry(); }
            static bool Quick() => true;
            static void Pause() => Thread.Sleep(10);
        }
        """);
}
