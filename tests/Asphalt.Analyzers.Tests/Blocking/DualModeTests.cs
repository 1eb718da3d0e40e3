using static Asphalt.Analyzers.Tests.Blocking.Verify;

namespace Asphalt.Analyzers.Tests.Blocking;

/// <summary>
/// Libraries with one code path for sync and async APIs (Npgsql's <c>bool async</c>,
/// MySqlConnector's <c>IOBehavior</c>) block only in the branch a sync caller chose.
/// </summary>
public class DualModeTests
{
    [Fact]
    public Task Sync_branch_of_a_dual_mode_method_is_not_reported() => AnalyzeAsync("""
        enum IOBehavior { Synchronous, Asynchronous }

        class Connection
        {
            async Task<int> ReadAsync(Stream s, byte[] b, bool async)
            {
                if (async)
                    return await s.ReadAsync(b, 0, b.Length);
                else
                    return s.Read(b, 0, b.Length);
            }

            async Task<string> TextAsync(string path, IOBehavior io) =>
                io == IOBehavior.Asynchronous ? await File.ReadAllTextAsync(path) : File.ReadAllText(path);

            async Task FlushAsync(bool async)
            {
                if (async) { await Task.Delay(1); } else { Pause(); }
            }

            void Pause() => Thread.Sleep(1);
        }
        """);

    [Fact]
    public Task Branch_whose_other_branch_does_not_await_is_still_reported() => AnalyzeAsync("""
        class Connection
        {
            async Task SaveAsync(bool fast, string text)
            {
                await Task.Yield();
                if (fast) {|ASPH1001:File.WriteAllText("a", text)|}; else Console.WriteLine(text);
                var n = fast ? text.Length : {|ASPH1001:File.ReadAllText("b")|}.Length;
            }
        }
        """);

    [Fact]
    public Task Code_the_mode_flag_reserves_for_sync_callers_is_not_reported() => AnalyzeAsync("""
        enum IOBehavior { Synchronous, Asynchronous }

        class Converter
        {
            ValueTask<int> ReadAsObject(bool async, Stream s, byte[] b)
            {
                if (!async)
                    return new(s.Read(b, 0, b.Length));
                return s.ReadAsync(b.AsMemory());
            }

            ValueTask Write(bool async, Stream s, byte[] b)
            {
                if (async)
                    return s.WriteAsync(b.AsMemory());
                Pause();
                s.Write(b, 0, b.Length);
                return default;
            }

            Task Flush(IOBehavior io, Stream s)
            {
                if (io == IOBehavior.Synchronous) { Pause(); return Task.CompletedTask; }
                return s.FlushAsync();
            }

            void Pause() => Thread.Sleep(1);
        }
        """);
}
