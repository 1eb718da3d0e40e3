// Negative cases (nothing here should be reported): blocking calls in ordinary synchronous code
// that no async path reaches — a console entry point bridging to async, a sync options loader,
// a legacy job whose constructor and property block, a Dispose that waits for its worker, and a
// classic Monitor-based producer/consumer.
using System.Data.Common;

namespace Eval.Independent.SyncOnly;

public static class MigrationCli
{
    public static int Run(string[] args)
    {
        var options = MigrationOptions.Load(args[0]);
        var runner = new MigrationRunner(options);
        var applied = runner.ApplyAllAsync().GetAwaiter().GetResult();
        Thread.Sleep(options.SettleMilliseconds);
        return applied;
    }
}

public sealed class MigrationOptions
{
    public int SettleMilliseconds { get; init; }

    public string[] Scripts { get; init; } = [];

    public static MigrationOptions Load(string path)
    {
        var lines = File.ReadAllLines(path);
        return new MigrationOptions
        {
            SettleMilliseconds = int.Parse(lines[0]),
            Scripts = lines[1..],
        };
    }
}

public sealed class MigrationRunner
{
    private readonly MigrationOptions _options;

    public MigrationRunner(MigrationOptions options) => _options = options;

    public async Task<int> ApplyAllAsync()
    {
        var applied = 0;
        foreach (var script in _options.Scripts)
        {
            await Task.Delay(script.Length % 5);
            applied++;
        }

        return applied;
    }
}

public sealed class LegacyReportJob
{
    private readonly DbConnection _connection;

    public LegacyReportJob(DbConnection connection, Task warmup)
    {
        _connection = connection;
        warmup.Wait();
    }

    public int RowCount
    {
        get
        {
            _connection.Open();
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM report_rows";
            return Convert.ToInt32(command.ExecuteScalar());
        }
    }

    public void Execute()
    {
        Console.WriteLine($"Rows: {RowCount}");
        Thread.Sleep(TimeSpan.FromSeconds(1));
    }
}

public static class NightlyScheduler
{
    public static void RunNightly(DbConnection connection)
    {
        var job = new LegacyReportJob(connection, Task.CompletedTask);
        job.Execute();
    }
}

public sealed class BackgroundFlusher : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BackgroundFlusher() => _loop = Task.Run(() => LoopAsync(_stop.Token));

    private static async Task LoopAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(1000, ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}

public sealed class PrintSpooler
{
    private readonly object _sync = new();
    private readonly Queue<string> _jobs = new();

    public void Submit(string job)
    {
        lock (_sync)
        {
            _jobs.Enqueue(job);
            Monitor.Pulse(_sync);
        }
    }

    public string NextJob()
    {
        lock (_sync)
        {
            while (_jobs.Count == 0)
            {
                Monitor.Wait(_sync);
            }

            return _jobs.Dequeue();
        }
    }

    public void RunPrinterThread(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            Console.WriteLine($"Printing {NextJob()}");
        }
    }
}
