// Blocking calls reached through sync helpers. The call site in the async body must be reported.
using System.Data.Common;

namespace Eval.Transitive;

public sealed class ConfigLoader
{
    public async Task<string> StartAsync()
    {
        await Task.Yield();
        return Load(); // expect
    }

    private string Load() => ReadConfig().Trim();
    private string ReadConfig() => File.ReadAllText("app.json");
}

public sealed class Repository(DbConnection db)
{
    public int Count()
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = "select count(*) from t";
        return Convert.ToInt32(cmd.ExecuteScalar());
    }
}

public sealed class Handler(Repository repository, ICache cache, Lazy<Settings> settings)
{
    public async Task<int> HandleAsync()
    {
        await Task.Yield();
        return repository.Count(); // expect
    }

    public async Task<string> CachedAsync(string key)
    {
        await Task.Yield();
        return cache.Get(key); // expect
    }

    public async Task<string> SettingsAsync()
    {
        await Task.Yield();
        return settings.Value.Name;
    }
}

public interface ICache { string Get(string key); }

public sealed class DiskCache : ICache
{
    public string Get(string key) => File.ReadAllText(Path.Combine("cache", key));
}

public sealed record Settings(string Name);

public sealed class Legacy
{
    private readonly Lazy<string> _token = new(() => File.ReadAllText("token"));
    private readonly Func<int> _poll = () => { Thread.Sleep(100); return 1; };

    public string Token => _token.Value;

    public async Task<string> TokenAsync()
    {
        await Task.Yield();
        return Token; // expect
    }

    public async Task<int> PollAsync()
    {
        await Task.Yield();
        return _poll(); // expect
    }

    public async Task<int> DeepAsync(Task<int> pending)
    {
        await Task.Yield();
        return Level1(pending); // expect
    }

    private int Level1(Task<int> t) => Level2(t) + 1;
    private int Level2(Task<int> t) => Level3(t) * 2;
    private int Level3(Task<int> t) => t.Result;

    public async Task ConstructAsync()
    {
        await Task.Yield();
        var client = new SlowClient("db"); // expect
        client.Dispose();
    }

    public async Task ExtensionAsync(string path)
    {
        await Task.Yield();
        var text = path.Slurp(); // expect
        Console.WriteLine(text);
    }

    public async Task VirtualAsync(Job job)
    {
        await Task.Yield();
        job.Run(); // expect
    }

    public async Task LocalAsync(Task<string> pending)
    {
        await Task.Yield();
        Console.WriteLine(Describe()); // expect

        string Describe() => pending.Result;
    }

    public async Task LinqAsync(string[] paths)
    {
        await Task.Yield();
        var sizes = paths.Select(p => Size(p)).ToList(); // expect
    }

    private static long Size(string path)
    {
        using var s = File.OpenRead(path);
        var buffer = new byte[1];
        return s.Read(buffer, 0, 1);
    }

    public async Task RecursiveAsync()
    {
        await Task.Yield();
        Walk(3); // expect
    }

    private void Walk(int depth)
    {
        if (depth == 0) { Thread.Sleep(1); return; }
        Walk(depth - 1);
    }
}

public sealed class SlowClient : IDisposable
{
    private readonly System.Net.Sockets.TcpClient _tcp = new();
    public SlowClient(string host) => _tcp.Connect(host, 5432);
    public void Dispose() => _tcp.Dispose();
}

public static class PathExtensions
{
    public static string Slurp(this string path) => File.ReadAllText(path);
}

public abstract class Job { public abstract void Run(); }

public sealed class SleepyJob : Job { public override void Run() => Thread.Sleep(1000); }
