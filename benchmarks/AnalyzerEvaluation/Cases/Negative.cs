// Code that must NOT be reported: completed tasks, offloading, polls, in-memory I/O, CPU-only twins.
namespace Eval.Negative;

public sealed class Completed
{
    public async Task<int> AfterAwaitAsync(Task<int> t)
    {
        await t;
        return t.Result;
    }

    public async Task<int> AfterWhenAllAsync(Task<int> a, Task<int> b)
    {
        await Task.WhenAll(a, b);
        return a.Result + b.Result;
    }

    public async Task<int> AfterWhenAllCollectionAsync(IEnumerable<int> ids)
    {
        var tasks = ids.Select(i => Task.FromResult(i)).ToList();
        await Task.WhenAll(tasks);
        var sum = 0;
        foreach (var task in tasks)
        {
            sum += task.Result;
        }

        return sum;
    }

    public async Task<int> WhenAnyAsync(Task<int> a, Task<int> b)
    {
        var first = await Task.WhenAny(a, b);
        return first.Result;
    }

    public async Task<int> GuardAsync(Task<int> t)
    {
        if (t.IsCompletedSuccessfully)
        {
            return t.Result;
        }

        return await t;
    }

    public async Task<int> EarlyReturnAsync(Task<int> t)
    {
        if (!t.IsCompleted)
        {
            return -1;
        }

        await Task.Yield();
        return t.Result;
    }

    public Task<int> ContinuationAsync(Task<int> t) => t.ContinueWith(done => done.Result * 2);

    public async Task<int> FromResultAsync()
    {
        await Task.Yield();
        return Task.FromResult(42).Result;
    }

    public async Task<string> NameofAsync()
    {
        await Task.Yield();
        return nameof(Task<int>.Result);
    }
}

public sealed class Offloaded
{
    public Task<string> ReadAsync(string path) => Task.Run(() => File.ReadAllText(path));

    public async Task<int> ComputeAsync(Task<int> t) => await Task.Run(() => t.Result);

    public Task BackgroundAsync()
    {
        var thread = new Thread(() => Thread.Sleep(1000));
        thread.Start();
        ThreadPool.QueueUserWorkItem(_ => Thread.Sleep(10));
        return Task.CompletedTask;
    }

    public Task FactoryAsync() => Task.Factory.StartNew(() => Thread.Sleep(100), TaskCreationOptions.LongRunning);

    public async Task HandlerAsync(List<Action> handlers)
    {
        await Task.Yield();
        handlers.Add(() => Thread.Sleep(1));
    }
}

public sealed class Polls(SemaphoreSlim gate, ManualResetEventSlim ready)
{
    public async Task<bool> TryEnterAsync()
    {
        await Task.Yield();
        return gate.Wait(0);
    }

    public async Task<bool> IsReadyAsync()
    {
        await Task.Yield();
        return ready.Wait(TimeSpan.Zero);
    }
}

public sealed class InMemory
{
    public async Task<string> SerializeAsync(byte[] payload)
    {
        using var ms = new MemoryStream();
        ms.Write(payload, 0, payload.Length);
        ms.Flush();
        await Task.Yield();
        using var reader = new StringReader("a\nb");
        var first = reader.ReadLine();
        using var writer = new StringWriter();
        writer.Write(first);
        return writer.ToString();
    }
}

public sealed class CpuOnly(CancellationTokenSource cts)
{
    public async Task StopAsync()
    {
        await Task.Yield();
        cts.Cancel();
    }

    public async Task<int> ParseAsync(string text)
    {
        await Task.Yield();
        return int.Parse(text);
    }

    public async Task<string> FormatAsync(object value)
    {
        await Task.Yield();
        return System.Text.Json.JsonSerializer.Serialize(value);
    }

    public async Task<int> HelperAsync(int x)
    {
        await Task.Yield();
        return Double(x) + Triple(x);
    }

    private static int Double(int x) => x * 2;
    private static int Triple(int x) => Enumerable.Range(0, 3).Sum(_ => x);
}

public sealed class Wrapper : Stream
{
    private readonly byte[] _data = new byte[16];

    public override int Read(byte[] buffer, int offset, int count)
    {
        Array.Copy(_data, 0, buffer, offset, Math.Min(count, _data.Length));
        return Math.Min(count, _data.Length);
    }

    // The async twin wrapping its own sync method: "use ReadAsync" here would recurse.
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer, offset, count));

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => _data.Length;
    public override long Position { get; set; }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => 0;
    public override void SetLength(long value) { }
    public override void Write(byte[] buffer, int offset, int count) { }
}

public sealed class SyncCode
{
    public int Sync(Task<int> t) => t.Result;

    public void SyncSleep() => Thread.Sleep(10);

    public string SyncRead() => File.ReadAllText("x");
}

public sealed class Properly
{
    public async Task<string> ReadAsync(string path, CancellationToken ct) => await File.ReadAllTextAsync(path, ct);

    public async Task DelayAsync(CancellationToken ct) => await Task.Delay(100, ct);

    public async Task WaitAsync(SemaphoreSlim gate, CancellationToken ct) => await gate.WaitAsync(ct);
}
