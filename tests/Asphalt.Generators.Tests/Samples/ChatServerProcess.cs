using Asphalt.Tests.Shared;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>The chat sample running as a real process (<c>dotnet ChatServer.dll key=value ...</c>) on free loopback ports.</summary>
internal sealed class ChatServerProcess : IDisposable
{
    private readonly RealProcess _process;

    private ChatServerProcess(RealProcess process, int port, int webPort)
    {
        _process = process;
        Port = port;
        WebPort = webPort;
    }

    /// <summary>The port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The port of the HTTP API (the <c>web</c> component).</summary>
    public int WebPort { get; }

    /// <summary>Everything printed so far (standard output and error).</summary>
    public string Output => _process.Output;

    /// <summary>Starts the server on a free loopback port and waits until it listens.</summary>
    public static async Task<ChatServerProcess> StartAsync(string database, params string[] settings)
    {
        var port = Loopback.FreePort();
        var webPort = Loopback.FreePort();
        var server = new ChatServerProcess(
            RealProcess.StartDotnet("ChatServer.dll", [$"components:listener:port={port}", $"components:web:port={webPort}", $"components:store:path={database}", .. settings]),
            port,
            webPort);
        await server._process.WaitForOutputAsync("Chat server listening on", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>How many sockets the server process has open (Linux: its <c>/proc/pid/fd</c> entries).</summary>
    public int OpenSockets() =>
        new DirectoryInfo($"/proc/{_process.Id}/fd").EnumerateFileSystemInfos()
            .Count(fd => fd.LinkTarget?.StartsWith("socket:", StringComparison.Ordinal) == true);

    /// <summary>Waits (bounded) until the server has at most <paramref name="count"/> sockets open.</summary>
    public async Task WaitForOpenSocketsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (OpenSockets() > count)
        {
            if (deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"The chat server still has {OpenSockets()} sockets open, expected {count}.");
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    /// <summary>Sends SIGTERM and returns the exit code (bounded wait).</summary>
    public Task<int> StopAsync(TimeSpan timeout) => _process.StopAsync(timeout);

    public void Dispose() => _process.Dispose();
}
