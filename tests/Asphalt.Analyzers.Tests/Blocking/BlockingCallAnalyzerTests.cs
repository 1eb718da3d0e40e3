namespace Asphalt.Analyzers.Tests.Blocking;

public class BlockingCallAnalyzerTests
{
    // Every parameter a statement below may use.
    private const string Parameters =
        "Task<int> t, Task u, ValueTask<int> vt, ValueTask v, Thread thread, object gate, WaitHandle handle, WaitHandle[] handles, " +
        "SemaphoreSlim sem, ManualResetEventSlim mres, CountdownEvent countdown, Barrier barrier, BlockingCollection<int> bc, " +
        "Process process, Stream stream, FileStream fs, StreamReader sr, StreamWriter sw, TextReader tr, Socket socket, " +
        "HttpClient http, HttpRequestMessage req, DbConnection conn, DbCommand cmd, DbDataReader dr, MemoryStream ms, " +
        "StringReader str, StringWriter stw, CancellationTokenSource cts, byte[] buffer, CancellationToken ct, int[] items, TcpClient tcp";

    private static string InAsyncMethod(string statement) => $$"""
        class C
        {
            async Task M({{Parameters}})
            {
                await Task.Yield();
                {{statement}}
            }
        }
        """;

    [Theory]
    [InlineData("_ = {|ASPH1001:t.Result|};")]
    [InlineData("_ = {|ASPH1001:vt.Result|};")]
    [InlineData("{|ASPH1001:u.Wait()|};")]
    [InlineData("{|ASPH1001:u.Wait(100)|};")]
    [InlineData("{|ASPH1001:u.Wait(ct)|};")]
    [InlineData("_ = {|ASPH1001:u.Wait(TimeSpan.FromSeconds(1))|};")]
    [InlineData("_ = {|ASPH1001:u.Wait(100, ct)|};")]
    [InlineData("var notDone = Task.CompletedTask; notDone = u; {|ASPH1001:notDone.Wait()|};")]
    [InlineData("{|ASPH1001:Task.WaitAll(t, u)|};")]
    [InlineData("{|ASPH1001:Task.WaitAll(new[] { t, u }, 500)|};")]
    [InlineData("{|ASPH1001:Task.WaitAny(t, u)|};")]
    [InlineData("_ = {|ASPH1001:t.GetAwaiter().GetResult()|};")]
    [InlineData("{|ASPH1001:u.GetAwaiter().GetResult()|};")]
    [InlineData("_ = {|ASPH1001:t.ConfigureAwait(false).GetAwaiter().GetResult()|};")]
    [InlineData("{|ASPH1001:u.ConfigureAwait(false).GetAwaiter().GetResult()|};")]
    [InlineData("_ = {|ASPH1001:vt.GetAwaiter().GetResult()|};")]
    [InlineData("{|ASPH1001:v.GetAwaiter().GetResult()|};")]
    [InlineData("_ = {|ASPH1001:vt.ConfigureAwait(false).GetAwaiter().GetResult()|};")]
    [InlineData("{|ASPH1001:v.ConfigureAwait(false).GetAwaiter().GetResult()|};")]
    [InlineData("{|ASPH1001:Thread.Sleep(10)|};")]
    [InlineData("{|ASPH1001:Thread.Sleep(TimeSpan.FromSeconds(1))|};")]
    [InlineData("{|ASPH1001:thread.Join()|};")]
    [InlineData("{|ASPH1001:Monitor.Wait(gate)|};")]
    [InlineData("{|ASPH1001:handle.WaitOne()|};")]
    [InlineData("{|ASPH1001:handle.WaitOne(1000)|};")]
    [InlineData("{|ASPH1001:WaitHandle.WaitAll(handles)|};")]
    [InlineData("{|ASPH1001:WaitHandle.WaitAny(handles)|};")]
    [InlineData("{|ASPH1001:sem.Wait()|};")]
    [InlineData("{|ASPH1001:sem.Wait(100)|};")]
    [InlineData("{|ASPH1001:sem.Wait(ct)|};")]
    [InlineData("{|ASPH1001:mres.Wait()|};")]
    [InlineData("{|ASPH1001:countdown.Wait()|};")]
    [InlineData("{|ASPH1001:barrier.SignalAndWait()|};")]
    [InlineData("_ = {|ASPH1001:bc.Take()|};")]
    [InlineData("_ = {|ASPH1001:bc.TryTake(out var x, 100)|};")]
    [InlineData("foreach (var x in {|ASPH1001:bc.GetConsumingEnumerable()|}) { }")]
    [InlineData("{|ASPH1001:Parallel.For(0, 10, i => { })|};")]
    [InlineData("{|ASPH1001:Parallel.ForEach(items, i => { })|};")]
    [InlineData("{|ASPH1001:Parallel.Invoke(() => { })|};")]
    [InlineData("{|ASPH1001:process.WaitForExit()|};")]
    [InlineData("_ = {|ASPH1001:File.ReadAllText(\"a\")|};")]
    [InlineData("{|ASPH1001:File.WriteAllBytes(\"a\", buffer)|};")]
    [InlineData("foreach (var line in {|ASPH1001:File.ReadLines(\"a\")|}) { }")]
    [InlineData("_ = {|ASPH1001:stream.Read(buffer, 0, 10)|};")]
    [InlineData("_ = {|ASPH1001:fs.Read(buffer.AsSpan())|};")]
    [InlineData("{|ASPH1001:stream.Write(buffer, 0, 10)|};")]
    [InlineData("{|ASPH1001:stream.Flush()|};")]
    [InlineData("{|ASPH1001:stream.CopyTo(fs)|};")]
    [InlineData("_ = {|ASPH1001:sr.ReadLine()|};")]
    [InlineData("_ = {|ASPH1001:tr.ReadToEnd()|};")]
    [InlineData("{|ASPH1001:sw.WriteLine(\"x\")|};")]
    [InlineData("_ = {|ASPH1001:socket.Receive(buffer)|};")]
    [InlineData("_ = {|ASPH1001:socket.Send(buffer)|};")]
    [InlineData("{|ASPH1001:tcp.Connect(\"localhost\", 80)|};")]
    [InlineData("_ = {|ASPH1001:Dns.GetHostEntry(\"localhost\")|};")]
    [InlineData("_ = {|ASPH1001:http.Send(req)|};")]
    [InlineData("{|ASPH1001:conn.Open()|};")]
    [InlineData("_ = {|ASPH1001:cmd.ExecuteReader()|};")]
    [InlineData("_ = {|ASPH1001:cmd.ExecuteNonQuery()|};")]
    [InlineData("_ = {|ASPH1001:cmd.ExecuteScalar()|};")]
    [InlineData("_ = {|ASPH1001:dr.Read()|};")]
    public Task Reports_blocking_member(string statement) => Verify.AnalyzeAsync(InAsyncMethod(statement));

    [Theory]
    [InlineData("await t; _ = t.Result;")]
    [InlineData("await t.ConfigureAwait(false); _ = t.GetAwaiter().GetResult();")]
    [InlineData("await u; u.Wait();")]
    [InlineData("await Task.WhenAll(t, u); _ = t.Result;")]
    [InlineData("var all = new[] { t, Task.FromResult(2) }; await Task.WhenAll(all); _ = t.Result;")]
    [InlineData("var all = new List<Task<int>> { t }; await Task.WhenAll(all); foreach (var x in all) { _ = x.Result; }")]
    [InlineData("var all = new[] { t }; await Task.WhenAll(all); _ = all.Select(x => x.Result).Sum();")]
    [InlineData("var done = await Task.WhenAny(t, Task.FromResult(1)); _ = done.Result;")]
    [InlineData("if (t.IsCompleted) { _ = t.Result; }")]
    [InlineData("if (t.IsCompletedSuccessfully) _ = t.Result;")]
    [InlineData("_ = t.IsCompleted ? t.Result : 0;")]
    [InlineData("_ = t.IsCompleted && t.Result > 0;")]
    [InlineData("if (t.Status == TaskStatus.RanToCompletion) { _ = t.Result; }")]
    [InlineData("if (!t.IsCompleted) { return; } _ = t.Result;")]
    [InlineData("if (!t.IsCompleted) throw new InvalidOperationException(); _ = t.Result;")]
    [InlineData("if (!t.IsCompleted) { await t; } _ = t.Result;")]
    [InlineData("_ = t.ContinueWith(a => a.Result);")]
    [InlineData("await t.ContinueWith(async a => { await Task.Yield(); _ = a.Result; });")]
    [InlineData("_ = Task.FromResult(1).Result;")]
    [InlineData("_ = new ValueTask<int>(1).Result;")]
    [InlineData("sem.Wait(0);")]
    [InlineData("_ = sem.Wait(TimeSpan.Zero);")]
    [InlineData("_ = handle.WaitOne(0);")]
    [InlineData("_ = bc.TryTake(out var x);")]
    [InlineData("_ = ms.Read(buffer, 0, 10);")]
    [InlineData("ms.Write(buffer, 0, 10);")]
    [InlineData("var s2 = new MemoryStream(); s2.Flush();")]
    [InlineData("_ = str.ReadLine();")]
    [InlineData("stw.Write(\"x\");")]
    [InlineData("cts.Cancel();")]
    [InlineData("Console.WriteLine(\"x\"); Console.Error.WriteLine(\"x\"); Console.Out.Write(1);")]
    [InlineData("_ = int.Parse(\"1\");")]
    [InlineData("_ = nameof(Task<int>.Result);")]
    [InlineData("_ = nameof(Thread.Sleep);")]
    [InlineData("var done = Task.CompletedTask; done.Wait();")]
    [InlineData("var ready = Task.FromResult(3); _ = ready.Result; ready = Task.FromResult(4); _ = ready.GetAwaiter().GetResult();")]
    [InlineData("await Task.Run(() => Thread.Sleep(10));")]
    [InlineData("await Task.Run(() => t.Result);")]
    [InlineData("await Task.Factory.StartNew(() => File.ReadAllText(\"a\"));")]
    [InlineData("new Thread(() => Thread.Sleep(10)).Start();")]
    [InlineData("ThreadPool.QueueUserWorkItem(_ => Thread.Sleep(10));")]
    [InlineData("Action later = () => Thread.Sleep(10);")]
    [InlineData("await u.WaitAsync(ct); await sem.WaitAsync(ct); await Task.Delay(10, ct);")]
    [InlineData("await using var f = File.OpenRead(\"a\"); _ = await f.ReadAsync(buffer, ct);")]
    public Task Ignores_non_blocking(string statement) => Verify.AnalyzeAsync(InAsyncMethod(statement));

    [Fact]
    public Task Ignores_offload_helper() => Verify.AnalyzeAsync("""
        namespace Asphalt { public static class Offload { public static Task<T> RunAsync<T>(Func<T> work, CancellationToken ct = default) => Task.Run(work, ct); } }
        class C
        {
            async Task<string> M(CancellationToken ct) => await Asphalt.Offload.RunAsync(() => File.ReadAllText("a"), ct);
        }
        """);

    [Fact]
    public Task Reports_in_every_async_context() => Verify.AnalyzeAsync("""
        class C
        {
            async void Handler(Task<int> t) { _ = {|ASPH1001:t.Result|}; }
            Task<int> NotAsync(Task<int> t) => Task.FromResult({|ASPH1001:t.Result|});
            ValueTask NotAsyncValueTask() { {|ASPH1001:Thread.Sleep(1)|}; return default; }
            async IAsyncEnumerable<int> Stream(Task<int> t) { yield return {|ASPH1001:t.Result|}; await Task.Yield(); }
            void Sync(Task<int> t)
            {
                Func<Task> lambda = async () => { {|ASPH1001:Thread.Sleep(1)|}; await Task.Yield(); };
                Func<Task> method = async delegate { {|ASPH1001:Thread.Sleep(1)|}; await Task.Yield(); };
                async Task Local() { {|ASPH1001:Thread.Sleep(1)|}; await Task.Yield(); }
                _ = Task.Run(async () => { {|ASPH1001:Thread.Sleep(1)|}; await Task.Yield(); });
            }
            async Task Inline(Task<int>[] tasks, List<Task<int>> list)
            {
                _ = tasks.Select(x => {|ASPH1001:x.Result|}).ToList();
                list.ForEach(x => {|ASPH1001:x.Wait()|});
                await Task.Yield();
            }
            Task<int> Property => Task.FromResult({|ASPH1001:File.ReadAllText("a")|}.Length);
        }
        """);

    [Fact]
    public Task Ignores_sync_code() => Verify.AnalyzeAsync("""
        class C
        {
            int Sync(Task<int> t) { Thread.Sleep(1); return t.Result; }
            void SyncLocal(Task<int> t) { int Local() => t.Result; _ = Local(); }
            string Prop => File.ReadAllText("a");
            C() { Thread.Sleep(1); }
        }
        """);

    [Fact]
    public Task Reports_result_read_before_the_await() => Verify.AnalyzeAsync("""
        class C
        {
            async Task<int> M(Task<int> t)
            {
                var early = {|ASPH1001:t.Result|};
                return early + await t;
            }
        }
        """);

    [Fact]
    public Task Ignores_sync_method_in_its_own_async_wrapper() => Verify.AnalyzeAsync("""
        class SlowStream : Stream
        {
            public override int Read(byte[] buffer, int offset, int count) => 0;
            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
                Task.FromResult(Read(buffer, offset, count));
            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => 0;
            public override long Position { get => 0; set { } }
            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => 0;
            public override void SetLength(long value) { }
            public override void Write(byte[] buffer, int offset, int count) { }
        }
        """);

    [Fact]
    public Task Reports_blocking_inside_lock() => Verify.AnalyzeAsync("""
        class C
        {
            private readonly object _gate = new();
            async Task M(Task<int> t)
            {
                await Task.Yield();
                {|ASPH1001:lock (_gate)|} { _ = {|ASPH1001:t.Result|}; }
            }
        }
        """);

    [Fact]
    public Task Message_names_member_and_fix() => Verify.AnalyzeAsync(
        InAsyncMethod("_ = {|#0:File.ReadAllText(\"a\")|}; {|#1:Thread.Sleep(1)|}; _ = {|#2:t.Result|}; {|#3:mres.Wait()|};"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(0)
            .WithArguments("File.ReadAllText(string)", "await 'ReadAllTextAsync' instead"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(1)
            .WithArguments("Thread.Sleep(int)", "await Task.Delay(...) instead"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(2)
            .WithArguments("Task<int>.Result", "await the task instead"),
        new Microsoft.CodeAnalysis.Testing.DiagnosticResult(DiagnosticDescriptors.BlockingCallInAsyncPath).WithLocation(3)
            .WithArguments("ManualResetEventSlim.Wait()", "use an awaitable alternative or move the call off the async path with Offload.RunAsync"));
}
