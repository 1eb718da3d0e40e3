// Negative cases (nothing here should be reported): blocking work deliberately moved off the
// async path — sync lambdas and method groups handed to Task.Run, Task.Factory.StartNew,
// new Thread and ThreadPool.QueueUserWorkItem — and blocking helpers reached only through them.
using System.Collections.Concurrent;
using System.Diagnostics;

namespace Eval.Independent.Offloading;

public sealed class LegacyInventoryClient
{
    private readonly HttpClient _http;

    public LegacyInventoryClient(HttpClient http) => _http = http;

    // Old synchronous API kept for callers that cannot be made async yet.
    public string FetchStock(string sku) => _http.GetStringAsync($"https://inventory.example.com/{sku}").Result;
}

public sealed class ThumbnailService
{
    private readonly LegacyInventoryClient _legacy;
    private readonly BlockingCollection<string> _work = new();
    private readonly ManualResetEventSlim _stopped = new(false);
    private readonly string _outputDirectory;

    public ThumbnailService(LegacyInventoryClient legacy, string outputDirectory)
    {
        _legacy = legacy;
        _outputDirectory = outputDirectory;
    }

    public async Task<string> LoadManifestAsync(string path)
    {
        return await Task.Run(() => File.ReadAllText(path));
    }

    public async Task<string> GetStockAsync(string sku)
    {
        var raw = await Task.Run(() => _legacy.FetchStock(sku));
        return raw.Trim();
    }

    public async Task ResizeAllAsync(IReadOnlyList<string> files)
    {
        await Task.Run(() =>
        {
            Parallel.ForEach(files, file => Resize(file));
            Thread.Sleep(50);
        });
    }

    public Task StartConsumerAsync(CancellationToken ct)
    {
        return Task.Factory.StartNew(() =>
        {
            while (!ct.IsCancellationRequested)
            {
                var item = _work.Take(ct);
                Resize(item);
            }
        }, ct, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    public async Task StartWatchdogAsync(Process process)
    {
        await Task.Yield();
        var watchdog = new Thread(() =>
        {
            process.WaitForExit();
            _stopped.Set();
        })
        {
            IsBackground = true,
            Name = "process-watchdog",
        };
        watchdog.Start();
    }

    public async Task ScheduleCleanupAsync(string directory)
    {
        await Task.Yield();
        ThreadPool.QueueUserWorkItem(_ => CleanupTempFiles(directory));
    }

    public Task RebuildCacheAsync() => Task.Run(RebuildCache);

    private void Resize(string file)
    {
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(Path.Combine(_outputDirectory, Path.GetFileName(file)), bytes[..Math.Min(bytes.Length, 4096)]);
    }

    private void RebuildCache()
    {
        Thread.Sleep(500);
        _stopped.Wait();
    }

    private static void CleanupTempFiles(string directory)
    {
        foreach (var file in Directory.GetFiles(directory, "*.tmp"))
        {
            File.Delete(file);
        }
    }
}
