using System.Net;
using System.Net.Sockets;
using Asphalt.Tests.Shared;

namespace Asphalt.AspNetCore.Tests;

/// <summary>Teardown of the web component in a real process: stop accepting, drain, stop.</summary>
public sealed class DrainTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task At_SIGTERM_a_request_in_flight_completes_and_new_connections_are_refused()
    {
        var release = Path.Combine(Path.GetTempPath(), $"asphalt-drain-{Guid.NewGuid():N}");
        using var app = RealProcess.StartDotnet("Asphalt.AspNetCore.TestApp.dll", ["components:web:port=0", "components:web:drainTimeout=120"]);
        try
        {
            var address = new Uri(await app.WaitForOutputAsync("Test app at", Timeout));
            using var http = new HttpClient { BaseAddress = address, Timeout = Timeout };
            var slow = http.GetAsync($"/slow?release={Uri.EscapeDataString(release)}");
            await app.WaitForOutputAsync("Slow request in flight", Timeout);

            app.Terminate();
            await app.WaitForOutputAsync("draining", Timeout);

            // The listening socket is closed: a new connection is refused (wait until it is, bounded).
            using var deadline = new CancellationTokenSource(Timeout);
            while (true)
            {
                using var probe = new TcpClient();
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, address.Port, deadline.Token);
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    break;
                }
                catch (SocketException error) when (error.SocketErrorCode == SocketError.ConnectionReset)
                {
                    // Queued in the backlog of the socket being closed, then reset: not accepted; ask again.
                }

                await Task.Delay(20, deadline.Token);
            }

            Assert.False(slow.IsCompleted, "The request in flight must wait for its release, not be cut off.");
            await File.WriteAllTextAsync(release, "go");
            using var response = await slow.WaitAsync(Timeout);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("slow done", await response.Content.ReadAsStringAsync());

            Assert.Equal(0, await app.WaitForExitAsync(Timeout));
            Assert.Contains("Application stopped (exit code 0)", app.Output);
        }
        finally
        {
            File.Delete(release);
        }
    }
}
