// Direct blocking calls on async paths. A line ending in "// expect" must be reported.
using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Eval.Direct;

public sealed class OrderService(HttpClient http, DbConnection db, SemaphoreSlim gate)
{
    public async Task<string> GetCustomerAsync(int id)
    {
        var response = http.GetStringAsync($"/customers/{id}").Result; // expect
        await Task.Yield();
        return response;
    }

    public async Task SaveAsync(Order order)
    {
        gate.Wait(); // expect
        try
        {
            db.Open(); // expect
            using var cmd = db.CreateCommand();
            cmd.CommandText = "insert ...";
            cmd.ExecuteNonQuery(); // expect
            await Task.Yield();
        }
        finally
        {
            gate.Release();
        }
    }

    public async Task<int> CountAsync()
    {
        await using var cmd = db.CreateCommand();
        var value = cmd.ExecuteScalar(); // expect
        return Convert.ToInt32(value);
    }

    public async Task<List<string>> NamesAsync()
    {
        await Task.Yield();
        using var cmd = db.CreateCommand();
        using var reader = cmd.ExecuteReader(); // expect
        var names = new List<string>();
        while (reader.Read()) // expect
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    public async Task RetryAsync(Func<Task> action)
    {
        for (var i = 0; i < 3; i++)
        {
            try { await action(); return; }
            catch (HttpRequestException) { Thread.Sleep(200 * i); } // expect
        }
    }

    public async Task BackoffAsync()
    {
        await Task.Yield();
        Thread.Sleep(TimeSpan.FromMilliseconds(50)); // expect
    }

    public async Task FanOutAsync(Task[] jobs)
    {
        await Task.Yield();
        Task.WaitAll(jobs); // expect
    }

    public async Task FirstAsync(Task a, Task b)
    {
        await Task.Yield();
        Task.WaitAny(a, b); // expect
    }

    public async Task<int> AwaiterAsync(Task<int> t)
    {
        await Task.Yield();
        return t.GetAwaiter().GetResult(); // expect
    }

    public async Task<int> ConfiguredAsync(Task<int> t)
    {
        await Task.Yield();
        return t.ConfigureAwait(false).GetAwaiter().GetResult(); // expect
    }

    public async Task<int> ValueTaskAsync(ValueTask<int> vt)
    {
        await Task.Yield();
        return vt.Result; // expect
    }

    public async Task ValueTaskAwaiterAsync(ValueTask vt)
    {
        await Task.Yield();
        vt.GetAwaiter().GetResult(); // expect
    }

    public Task<string> NotAsyncButTaskReturning(string path)
    {
        var text = File.ReadAllText(path); // expect
        return Task.FromResult(text);
    }

    public async void OnClick(object sender, EventArgs e)
    {
        var t = Task.Delay(10);
        t.Wait(); // expect
        await Task.Yield();
    }
}

public sealed record Order(int Id);

public sealed class Workers(BlockingCollection<string> queue, ManualResetEventSlim ready, CountdownEvent done, Barrier barrier, Process process)
{
    public async Task ConsumeAsync()
    {
        await Task.Yield();
        var item = queue.Take(); // expect
        Console.WriteLine(item);
    }

    public async Task WaitReadyAsync()
    {
        await Task.Yield();
        ready.Wait(); // expect
    }

    public async Task WaitDoneAsync()
    {
        await Task.Yield();
        done.Wait(); // expect
    }

    public async Task PhaseAsync()
    {
        await Task.Yield();
        barrier.SignalAndWait(); // expect
    }

    public async Task RunToolAsync()
    {
        process.Start();
        process.WaitForExit(); // expect
        await Task.Yield();
    }

    public async Task JoinAsync(Thread worker)
    {
        await Task.Yield();
        worker.Join(); // expect
    }

    public async Task HandleAsync(WaitHandle signal)
    {
        await Task.Yield();
        signal.WaitOne(); // expect
    }

    public async Task MonitorAsync(object gate)
    {
        await Task.Yield();
        lock (gate)
        {
            Monitor.Wait(gate); // expect
        }
    }

    public async Task ProcessAllAsync(int[] items)
    {
        await Task.Yield();
        Parallel.ForEach(items, i => Console.WriteLine(i)); // expect
    }
}

public sealed class Files
{
    public async Task<int> CopyAsync(Stream source, FileStream target)
    {
        await Task.Yield();
        var buffer = new byte[4096];
        var n = source.Read(buffer, 0, buffer.Length); // expect
        target.Write(buffer, 0, n); // expect
        target.Flush(); // expect
        return n;
    }

    public async Task<string> FirstLineAsync(string path)
    {
        using var reader = new StreamReader(path);
        await Task.Yield();
        return reader.ReadLine(); // expect
    }

    public async Task AppendAsync(string path, string line)
    {
        await using var writer = new StreamWriter(path, append: true);
        writer.WriteLine(line); // expect
    }

    public async Task<byte[]> LoadAsync(string path)
    {
        await Task.Yield();
        return File.ReadAllBytes(path); // expect
    }

    public Func<string, Task<string>> Reader => async path =>
    {
        await Task.Yield();
        return File.ReadAllText(path); // expect
    };
}

public sealed class Network
{
    public async Task<int> ReceiveAsync(Socket socket, byte[] buffer)
    {
        await Task.Yield();
        return socket.Receive(buffer); // expect
    }

    public async Task ConnectAsync(TcpClient client, string host)
    {
        await Task.Yield();
        client.Connect(host, 443); // expect
    }

    public async Task<IPAddress[]> ResolveAsync(string host)
    {
        await Task.Yield();
        return Dns.GetHostAddresses(host); // expect
    }

    public async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        await Task.Yield();
        return client.Send(request); // expect
    }

    public async Task LocalFunctionAsync()
    {
        await Inner();

        async Task Inner()
        {
            await Task.Yield();
            Thread.Sleep(10); // expect
        }
    }

    public async IAsyncEnumerable<string> LinesAsync(TextReader reader)
    {
        await Task.Yield();
        string line;
        while ((line = reader.ReadLine()) != null) // expect
        {
            yield return line;
        }
    }
}
