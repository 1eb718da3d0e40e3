using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Asphalt.Runtime.Tests.Support;
using Asphalt.Tests.Shared;
using EchoServer;
using static Asphalt.Tests.Shared.Loopback;

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
        var client = new ClientComponent(new EchoClientOptions { Port = endpoint.Port, Message = "Hello, Asphalt" }, clientOutput);
        var logs = new CapturingLoggerProvider();
        var exitCode = await Application.RunAsync(client, new ApplicationOptions { LoggerFactory = logs.CreateFactory(), HandleStopSignals = false });

        Assert.Equal(0, exitCode);
        Assert.Equal("Server responded: Hello, Asphalt", clientOutput.ToString().Trim());
        Assert.Equal("Message from client: Hello, Asphalt", serverOutput.ToString().Trim());
    }

    [Fact]
    public async Task A_line_over_the_limit_closes_the_connection_without_the_server_reading_it_all()
    {
        var logs = new CapturingLoggerProvider();
        await using var context = new Context(logs.CreateFactory());
        await context.StartComponentAsync(new ServerComponent(new EchoServerOptions { Port = 0, MaxLineLength = 64 }, TextWriter.Null));
        var endpoint = context.GetResource<IPEndPoint>("echo");

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(endpoint).WaitAsync(Timeout);
            var stream = client.GetStream();

            // 64 MB without a newline: far more than the socket buffers hold, so the write can only
            // complete if the server reads it all.
            var line = new byte[64 * 1024 * 1024];
            Array.Fill(line, (byte)'x');
            var writing = stream.WriteAsync(line).AsTask();

            var answer = await ReadUntilClosedAsync(stream);
            Assert.True(answer.Length == 0 || answer.StartsWith("error: line longer than 64 bytes", StringComparison.Ordinal), answer);
            var writeError = await Record.ExceptionAsync(() => writing.WaitAsync(Timeout));
            Assert.True(writeError is IOException or SocketException, $"the 64 MB write should fail, got {writeError?.ToString() ?? "success"}");
        }

        Assert.Contains(logs.Messages, m => m.Contains("line longer than 64 bytes", StringComparison.Ordinal));

        // The server still serves lines within the limit.
        Assert.Equal("short enough", await EchoAsync(endpoint, "short enough"));
    }

    [Fact]
    public async Task An_idle_client_is_disconnected_after_the_idle_timeout()
    {
        var logs = new CapturingLoggerProvider();
        await using var context = new Context(logs.CreateFactory());
        await context.StartComponentAsync(new ServerComponent(new EchoServerOptions { Port = 0, IdleTimeout = 0.2 }, TextWriter.Null));
        var endpoint = context.GetResource<IPEndPoint>("echo");

        using (var idle = new TcpClient())
        {
            await idle.ConnectAsync(endpoint).WaitAsync(Timeout);

            // Sends nothing: the server closes the connection (a read returns end of stream or a reset).
            Assert.Equal("", await ReadUntilClosedAsync(idle.GetStream()));
        }

        Assert.Contains(logs.Messages, m => m.Contains("idle", StringComparison.Ordinal));
        Assert.Equal("still here", await EchoAsync(endpoint, "still here"));
    }

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Everything the server sends until it closes the connection (end of stream or reset); fails
    // the test if the connection stays open.
    private static async Task<string> ReadUntilClosedAsync(NetworkStream stream)
    {
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer).AsTask().WaitAsync(Timeout)) > 0)
            {
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            // Reset by the server: closed as well.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }

    private static async Task<string?> EchoAsync(IPEndPoint endpoint, string line)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(endpoint).WaitAsync(Timeout);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.UTF8.GetBytes(line + "\n")).AsTask().WaitAsync(Timeout);
        using var reader = new StreamReader(stream);
        return await reader.ReadLineAsync().WaitAsync(Timeout);
    }

    [Fact]
    public async Task Client_reports_an_unreachable_server_with_exit_code_1()
    {
        var port = FreePort();
        var logs = new CapturingLoggerProvider();
        var client = new ClientComponent(new EchoClientOptions { Port = port, Message = "anyone?" }, new StringWriter());

        var exitCode = await Application.RunAsync(client, new ApplicationOptions { LoggerFactory = logs.CreateFactory(), HandleStopSignals = false });

        Assert.Equal(1, exitCode);
        Assert.Contains(logs.Records, r => r.Exception is SocketException);
    }

    [Fact]
    public async Task Server_process_echoes_and_stops_cleanly_on_sigterm()
    {
        var port = FreePort();
        using var server = StartSample("run", "--set", $"component.port={port}");
        await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            var stream = client.GetStream();
            await stream.WriteAsync("ping over a real socket\n"u8.ToArray());
            using var reader = new StreamReader(stream);
            Assert.Equal("ping over a real socket", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        await server.StopAsync(TimeSpan.FromSeconds(30));
        var log = server.StandardOutput;
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Message from client: ping over a real socket", log);
        Assert.Contains("Received SIGTERM; stopping the application", log);
        Assert.Contains($"Echo server stopped listening on 127.0.0.1:{port}", log);
        Assert.Contains("Application stopped (exit code 0)", log);
        Assert.True(log.IndexOf("Echo server stopped listening", StringComparison.Ordinal) < log.IndexOf("Application stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Server_process_logging_json_puts_the_component_path_in_the_scopes_of_step_and_connection_task_lines()
    {
        var port = FreePort();
        using var server = StartSample("run", "--set", $"component.port={port}", "--set", "component.maxLineLength=5", "--log-format", "json");
        await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));

        using (var client = new TcpClient())
        {
            await client.ConnectAsync(IPAddress.Loopback, port);
            await client.GetStream().WriteAsync("longer than five\n"u8.ToArray());
            await server.WaitForOutputAsync("line longer than", TimeSpan.FromSeconds(30)); // Logged by the connection's task.
        }

        await server.StopAsync(TimeSpan.FromSeconds(30));
        var lines = server.Output.Split('\n');

        Assert.Equal(0, server.ExitCode);
        JsonElement Line(string message) => lines.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement)
            .Single(json => json.GetProperty("Message").GetString()!.StartsWith(message, StringComparison.Ordinal));
        foreach (var message in new[] { "Echo server listening", "Closing the connection" })
        {
            var line = Line(message);
            Assert.Contains(line.GetProperty("Scopes").EnumerateArray(), scope => scope.TryGetProperty("Component", out var path) && path.GetString() == "app");
        }
    }

    [Fact]
    public async Task Server_process_with_console_telemetry_prints_its_start_spans_and_metrics()
    {
        var port = FreePort();
        using var server = StartSample("run", "--set", $"component.port={port}", "--telemetry", "console");
        await server.WaitForOutputAsync("Application started", TimeSpan.FromSeconds(30));
        await server.StopAsync(TimeSpan.FromSeconds(30));

        var output = server.Output;
        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Activity.DisplayName:        asphalt.start app", output);
        Assert.Contains("Activity.DisplayName:        asphalt.component app", output);
        Assert.Contains("Activity.DisplayName:        asphalt.component.start app", output);
        Assert.Contains("Activity.DisplayName:        asphalt.teardown", output);
        Assert.Contains("asphalt.component.path: app", output);
        Assert.Contains("Metric Name: asphalt.component.start.duration", output);
    }

    [Fact]
    public async Task Server_process_rejects_an_unknown_telemetry_exporter()
    {
        var (code, _, stderr) = await RunSampleAsync("run", "--telemetry", "zipkin");

        Assert.Equal(1, code);
        Assert.Contains("echo: --telemetry takes one value: console.", stderr);
    }

    [Fact]
    public async Task Server_process_that_cannot_listen_prints_one_line_naming_the_component_and_the_cause()
    {
        using var occupied = new TcpListener(IPAddress.Loopback, 0);
        occupied.Start();
        var port = ((IPEndPoint)occupied.LocalEndpoint).Port;

        var (code, stdout, stderr) = await RunSampleAsync("run", "--set", $"component.port={port}");

        Assert.Equal(1, code);
        var failure = Assert.Single(stdout.Split('\n'), line => line.StartsWith("fail:", StringComparison.Ordinal));
        Assert.StartsWith("fail: Asphalt.Application: Start-up failed: Component 'app' (EchoServer.ServerComponent) failed while starting: SocketException: ", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal); // No stack trace below Debug.
    }

    [Fact]
    public async Task Server_process_stopped_by_sigterm_while_it_loads_its_configuration_exits_cleanly()
    {
        // The configuration file is a FIFO: the process blocks reading it, so the signal is sure
        // to arrive while the configuration loads, before any component starts.
        var folder = Directory.CreateTempSubdirectory("asphalt-fifo-");
        try
        {
            var fifo = Path.Combine(folder.FullName, "server.yaml");
            using (var mkfifo = Process.Start("mkfifo", [fifo]))
            {
                await mkfifo.WaitForExitAsync();
                Assert.Equal(0, mkfifo.ExitCode);
            }

            using var server = StartSample("run", "-c", fifo, "--set", $"component.port={FreePort()}");

            try
            {
                // Opening the FIFO for writing completes once the process has opened it for reading.
                await using var writer = await Task.Run(() => new StreamWriter(new FileStream(fifo, FileMode.Open, FileAccess.Write))).WaitAsync(TimeSpan.FromSeconds(60));
                server.Terminate();
                await writer.WriteAsync("component:\n  type: server\n");
            }
            catch (IOException)
            {
                // Broken pipe: the signal killed the process; the assertions below say so.
            }

            await server.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var log = server.StandardOutput;
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}\n{log}{server.StandardError}");
            Assert.Contains("Received SIGTERM; stopping the application", log);
            Assert.Contains("Application stopped (exit code 0)", log);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Client_process_prints_the_answer_and_exits_0()
    {
        await using var context = new Context();
        await context.StartComponentAsync(new ServerComponent(new EchoServerOptions { Port = 0 }, TextWriter.Null));
        var port = context.GetResource<IPEndPoint>("echo").Port;

        using var client = StartSample("run", "-c", ClientConfig, "--set", $"component.port={port}", "--set", "component.message=Hello from a process");
        await client.WaitForExitAsync(TimeSpan.FromSeconds(30));
        var stdout = client.StandardOutput;

        Assert.Equal(0, client.ExitCode);
        Assert.Contains("Server responded: Hello from a process", stdout);
    }

    [Fact]
    public async Task Check_and_graph_work_on_the_sample_and_bad_options_are_named()
    {
        var (checkCode, checkOut, _) = await RunSampleAsync("check", "-c", ClientConfig);
        Assert.Equal(0, checkCode);
        Assert.Contains("Configuration OK", checkOut);

        var (graphCode, graphOut, _) = await RunSampleAsync("graph", "--format", "dot");
        Assert.Equal(0, graphCode);
        Assert.Contains("digraph", graphOut);
        Assert.Contains("EchoServer.ServerComponent", graphOut);

        var (badCode, _, badErr) = await RunSampleAsync("check", "--set", "component.prot=1");
        Assert.Equal(1, badCode);
        Assert.Contains("component.prot: Unknown configuration key 'prot'", badErr);
    }

    [Theory]
    [InlineData("component.port=99999", "component.port: Configuration value '99999' is not a valid Int32 from 0 to 65535.")]
    [InlineData("component.port=-1", "component.port: Configuration value '-1' is not a valid Int32 from 0 to 65535.")]
    [InlineData("component.host=not-an-ip", "component.host: Configuration value 'not-an-ip' is not a valid IPAddress.")]
    [InlineData("component.maxLineLength=0", "component.maxLineLength: Configuration value '0' is not a valid Int32 from 1 to 16777216.")]
    [InlineData("component.idleTimeout=0", "component.idleTimeout: Configuration value '0' is not a valid Double from 0.01 to 86400.")]
    public async Task Check_rejects_server_options_out_of_range_naming_the_key(string setting, string error)
    {
        var (code, output, stderr) = await RunSampleAsync("check", "--set", setting);

        Assert.Equal(1, code);
        Assert.DoesNotContain("Configuration OK", output);
        Assert.Contains(error, stderr);
    }

    [Fact]
    public async Task Check_rejects_a_client_port_out_of_range_naming_the_key()
    {
        var (code, _, stderr) = await RunSampleAsync("check", "-c", ClientConfig, "--set", "component.port=0");

        Assert.Equal(1, code);
        Assert.Contains("component.port: Configuration value '0' is not a valid Int32 from 1 to 65535.", stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(params string[] arguments)
    {
        using var process = StartSample(arguments);
        await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (process.ExitCode, process.StandardOutput, process.StandardError);
    }

    // The sample's own client.yaml, found from the test's output folder up to the repository.
    private static string ClientConfig =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../samples/EchoServer/client.yaml"));

    private static RealProcess StartSample(params string[] arguments) => RealProcess.StartDotnet("EchoServer.dll", arguments);
}
