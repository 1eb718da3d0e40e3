using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Asphalt.Runtime.Tests.Support;
using EchoServer;

namespace Asphalt.Runtime.Tests;

/// <summary>The echo sample end to end over real loopback sockets, in-process and as a real process.</summary>
public sealed class EchoServerTests
{
    [Fact]
    public async Task Server_and_client_talk_over_loopback()
    {
        var serverOutput = new StringWriter();
        await using var context = new Context();
        await context.StartComponentAsync(new ServerComponent(new EchoServerOptions { Port = 0 }, TextWriter.Synchronized(serverOutput)));
        var endpoint = context.GetResource<IPEndPoint>("echo");

        var clientOutput = new StringWriter();
        var client = new ClientComponent(new EchoServerOptions { Port = endpoint.Port }, "Hello, Asphalt", clientOutput);
        var logs = new CapturingLoggerProvider();
        var exitCode = await Application.RunAsync(client, new ApplicationOptions { LoggerFactory = logs.CreateFactory(), HandleStopSignals = false });

        Assert.Equal(0, exitCode);
        Assert.Equal("Server responded: Hello, Asphalt", clientOutput.ToString().Trim());
        Assert.Equal("Message from client: Hello, Asphalt", serverOutput.ToString().Trim());
    }

    [Fact]
    public async Task Client_reports_an_unreachable_server_with_exit_code_1()
    {
        var port = FreePort();
        var logs = new CapturingLoggerProvider();
        var client = new ClientComponent(new EchoServerOptions { Port = port }, "anyone?", new StringWriter());

        var exitCode = await Application.RunAsync(client, new ApplicationOptions { LoggerFactory = logs.CreateFactory(), HandleStopSignals = false });

        Assert.Equal(1, exitCode);
        Assert.Contains(logs.Records, r => r.Exception is SocketException);
    }

    [Fact]
    public async Task Server_process_echoes_and_stops_cleanly_on_sigterm()
    {
        var port = FreePort();
        using var server = StartSample($"server --port {port}");
        var output = new StringBuilder();
        var started = new TaskCompletionSource();
        server.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data.Contains("Application started"))
            {
                started.TrySetResult();
            }
        };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("ping over a real socket\n"u8.ToArray());
            using var reader = new StreamReader(stream);
            Assert.Equal("ping over a real socket", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString()]))
        {
            await kill.WaitForExitAsync();
        }

        await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var log = output.ToString();
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Message from client: ping over a real socket", log);
        Assert.Contains("Received SIGTERM; stopping the application", log);
        Assert.Contains($"Echo server stopped listening on 127.0.0.1:{port}", log);
        Assert.Contains("Application stopped (exit code 0)", log);
        Assert.True(log.IndexOf("Echo server stopped listening", StringComparison.Ordinal) < log.IndexOf("Application stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Client_process_prints_the_answer_and_exits_0()
    {
        await using var context = new Context();
        await context.StartComponentAsync(new ServerComponent(new EchoServerOptions { Port = 0 }, TextWriter.Null));
        var port = context.GetResource<IPEndPoint>("echo").Port;

        using var client = StartSample($"client \"Hello from a process\" --port {port}");
        var stdout = await client.StandardOutput.ReadToEndAsync();
        await client.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, client.ExitCode);
        Assert.Contains("Server responded: Hello from a process", stdout);
    }

    private static Process StartSample(string arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EchoServer.dll");
        var info = new ProcessStartInfo("dotnet", $"\"{dll}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the sample");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
