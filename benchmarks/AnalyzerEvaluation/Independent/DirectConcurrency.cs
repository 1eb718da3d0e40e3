// Direct waits in async paths of background workers and event-driven components:
// BlockingCollection, SemaphoreSlim/ManualResetEventSlim/CountdownEvent/Barrier,
// Thread.Sleep/Join, WaitHandles, Parallel loops and Process, inside async local functions,
// async lambdas (timer callbacks, pipeline steps, Task.Run), async void handlers and
// non-async Task-returning methods.
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eval.Independent.Workers;

public sealed class JobQueueWorker
{
    private readonly BlockingCollection<string> _jobs = new();
    private readonly SemaphoreSlim _throttle = new(4);
    private readonly ManualResetEventSlim _ready = new(false);
    private readonly List<string> _processed = new();
    private readonly Func<string, Task> _handler;

    public JobQueueWorker(Func<string, Task> handler) => _handler = handler;

    public void Enqueue(string job) => _jobs.Add(job);

    public void MarkReady() => _ready.Set();

    public void Start(CancellationToken ct)
    {
        _ = PumpAsync();

        async Task PumpAsync()
        {
            while (!ct.IsCancellationRequested)
            {
                var job = _jobs.Take(ct); // expect
                await _handler(job);
            }
        }
    }

    public async Task ProcessAsync(string job)
    {
        _ready.Wait(); // expect
        if (!_throttle.Wait(TimeSpan.FromSeconds(5))) // expect
        {
            return;
        }

        try
        {
            await Task.Delay(10);
            _processed.Add(job);
        }
        finally
        {
            _throttle.Release();
        }
    }
}

public sealed class ImportCoordinator
{
    private readonly Thread _indexer;
    private readonly CountdownEvent _pendingFiles = new(3);
    private readonly Barrier _phase = new(2);

    public ImportCoordinator()
    {
        _indexer = new Thread(BuildIndex) { IsBackground = true };
        _indexer.Start();
    }

    public void FileDone() => _pendingFiles.Signal();

    public async Task CompleteAsync()
    {
        await Task.Delay(100);
        _pendingFiles.Wait(); // expect
        _indexer.Join(); // expect
    }

    public Task EnterNextPhaseAsync()
    {
        _phase.SignalAndWait(); // expect
        return Task.CompletedTask;
    }

    public async Task<bool> RetryAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 3; i++)
        {
            if (await attempt())
            {
                return true;
            }

            Thread.Sleep(200 * (i + 1)); // expect
        }

        return false;
    }

    public async Task<int> RebuildAsync(IReadOnlyList<string> shards)
    {
        var sizes = new ConcurrentDictionary<string, int>();
        await Task.Yield();
        Parallel.ForEach(shards, shard => sizes[shard] = shard.Length); // expect
        return sizes.Values.Sum();
    }

    private static void BuildIndex()
    {
        var checksum = 0;
        for (var i = 0; i < 1_000; i++)
        {
            checksum = unchecked(checksum * 31 + i);
        }
    }
}

public sealed class DeviceMonitor : IDisposable
{
    private readonly AutoResetEvent _dataReady = new(false);
    private readonly Mutex _portMutex = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly List<string> _readings = new();
    private Timer? _timer;

    public DeviceMonitor(FileSystemWatcher watcher) => watcher.Changed += OnDeviceFileChanged;

    private async void OnDeviceFileChanged(object sender, FileSystemEventArgs e)
    {
        _dataReady.WaitOne(); // expect
        var reading = await File.ReadAllTextAsync(e.FullPath);
        _readings.Add(reading);
    }

    public void StartPolling()
    {
        _timer = new Timer(async _ =>
        {
            if (!_portMutex.WaitOne(TimeSpan.FromSeconds(1))) // expect
            {
                return;
            }

            try
            {
                await PollAsync();
            }
            finally
            {
                _portMutex.ReleaseMutex();
            }
        }, null, TimeSpan.Zero, TimeSpan.FromSeconds(10));
    }

    public async Task RunUntilShutdownAsync()
    {
        await PollAsync();
        _shutdown.Token.WaitHandle.WaitOne(); // expect
    }

    private async Task PollAsync()
    {
        await Task.Delay(10);
        _readings.Add(DateTime.UtcNow.ToString("O"));
    }

    public void Dispose()
    {
        _timer?.Dispose();
        _shutdown.Cancel();
        _dataReady.Dispose();
        _portMutex.Dispose();
    }
}

public sealed class ToolRunner
{
    public async Task<string> CaptureOutputAsync(Process process)
    {
        var output = process.StandardOutput.ReadToEnd(); // expect
        await process.WaitForExitAsync();
        return output;
    }

    public Task<int> RunDetachedAsync(Process process) => Task.Run(async () =>
    {
        await Task.Delay(10);
        process.WaitForExit(); // expect
        return process.ExitCode;
    });

    public async Task CompactAsync(Action compactSegments, Action rebuildBloomFilter)
    {
        await Task.Yield();
        Parallel.Invoke(compactSegments, rebuildBloomFilter); // expect
    }
}

public sealed class Pipeline
{
    private readonly List<Func<CancellationToken, Task>> _steps = new();

    public void Configure(SemaphoreSlim gate)
    {
        _steps.Add(async ct =>
        {
            gate.Wait(ct); // expect
            try
            {
                await Task.Delay(5, ct);
            }
            finally
            {
                gate.Release();
            }
        });
    }

    public int StepCount => _steps.Count;
}
