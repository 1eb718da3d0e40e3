using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Asphalt.Generators.Tests.Samples;

/// <summary>The chat sample running as a real process (<c>dotnet ChatServer.dll key=value ...</c>), its output captured.</summary>
internal sealed class ChatServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private ChatServerProcess(Process process, int port, int webPort)
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
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server on a free loopback port and waits until it listens.</summary>
    public static async Task<ChatServerProcess> StartAsync(string database, params string[] settings)
    {
        var port = FreePort();
        var webPort = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ChatServer.dll"));
        info.ArgumentList.Add($"components:listener:port={port}");
        info.ArgumentList.Add($"components:web:port={webPort}");
        info.ArgumentList.Add($"components:store:path={database}");
        foreach (var setting in settings)
        {
            info.ArgumentList.Add(setting);
        }

        var process = new Process { StartInfo = info };
        var server = new ChatServerProcess(process, port, webPort);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitForOutputAsync("Chat server listening on", TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>Waits (bounded) until a printed line contains <paramref name="text"/>.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || deadline.IsCancellationRequested)
            {
                throw new Xunit.Sdk.XunitException($"The chat server did not print '{text}'. It printed:\n{Output}");
            }

            await Task.Delay(50, CancellationToken.None);
        }
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
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(timeout);
        _process.WaitForExit(); // Drains the redirected output.
        return _process.ExitCode;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.Append(line).Append('\n');
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
