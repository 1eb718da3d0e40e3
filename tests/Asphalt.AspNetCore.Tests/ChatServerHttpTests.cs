using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Asphalt.Generators.Tests.Samples;
using Microsoft.Data.Sqlite;

namespace Asphalt.AspNetCore.Tests;

/// <summary>The chat sample's HTTP API, against the sample running as a process.</summary>
public sealed class ChatServerHttpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_message_posted_over_HTTP_reaches_a_TCP_client_and_the_history()
    {
        var database = Path.Combine(Path.GetTempPath(), $"asphalt-chat-http-{Guid.NewGuid():N}.db");
        try
        {
            using var server = await ChatServerProcess.StartAsync(database);
            Assert.Contains($"HTTP API on http://127.0.0.1:{server.WebPort}", server.Output);
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{server.WebPort}"), Timeout = Timeout };

            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, server.Port).WaitAsync(Timeout);
            using var reader = new StreamReader(tcp.GetStream(), new UTF8Encoding(false));
            await using var writer = new StreamWriter(tcp.GetStream(), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
            await writer.WriteLineAsync("dana");
            Assert.Equal("joined as dana", await reader.ReadLineAsync().WaitAsync(Timeout));

            var before = DateTimeOffset.UtcNow.AddSeconds(-1);
            using var posted = await http.PostAsJsonAsync("/messages", new { user = "web", text = "hello from HTTP" });
            Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
            Assert.Equal("web: hello from HTTP", await reader.ReadLineAsync().WaitAsync(Timeout));

            // The history component stored it (a dispatch completes every listener before POST answers).
            using var history = JsonDocument.Parse(await http.GetStringAsync($"/messages?since={Uri.EscapeDataString(before.ToString("O"))}"));
            var message = Assert.Single(history.RootElement.EnumerateArray());
            Assert.Equal("web", message.GetProperty("user").GetString());
            Assert.Equal("hello from HTTP", message.GetProperty("text").GetString());
            Assert.Equal("[]", await http.GetStringAsync($"/messages?since={Uri.EscapeDataString(DateTimeOffset.UtcNow.AddMinutes(1).ToString("O"))}"));

            // A line break would split the line for TCP clients: refused.
            using var bad = await http.PostAsJsonAsync("/messages", new { user = "web", text = "two\nlines" });
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

            Assert.Equal("Healthy", await http.GetStringAsync("/healthz"));
            Assert.Equal("Healthy", await http.GetStringAsync("/readyz"));
            Assert.Equal(0, await server.StopAsync(Timeout));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }
}
