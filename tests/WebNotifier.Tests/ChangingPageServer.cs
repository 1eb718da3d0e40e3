using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WebNotifier.Tests;

/// <summary>
/// A real HTTP/1.1 server on loopback (a raw <see cref="TcpListener"/>) serving one page that
/// changes when the test says so. It honours If-Modified-Since with 304 and records every request.
/// </summary>
public sealed class ChangingPageServer : IAsyncDisposable
{
    public static readonly DateTimeOffset FirstModified = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset SecondModified = new(2026, 1, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly Lock _gate = new();
    private readonly List<Request> _requests = [];
    private volatile bool _changed;

    public ChangingPageServer(string firstPage, string secondPage)
    {
        FirstPage = firstPage;
        SecondPage = secondPage;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/page.html");
        _serving = ServeAsync();
    }

    /// <summary>A request as received, and the status it got.</summary>
    public sealed record Request(string? IfModifiedSince, int Status, bool GotSecondPage);

    public Uri Url { get; }

    public string FirstPage { get; }

    public string SecondPage { get; }

    /// <summary>Completes when the first page has been served with 200 once.</summary>
    public TaskCompletionSource FirstPageServed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<Request> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>From now on the page is <see cref="SecondPage"/>, modified at <see cref="SecondModified"/>.</summary>
    public void Change() => _changed = true;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = HandleAsync(client);
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
            var requestLine = await reader.ReadLineAsync(_stop.Token);
            if (requestLine is null)
            {
                return;
            }

            string? ifModifiedSince = null;
            for (var line = await reader.ReadLineAsync(_stop.Token); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync(_stop.Token))
            {
                var colon = line.IndexOf(':');
                if (colon > 0 && line[..colon].Trim().Equals("If-Modified-Since", StringComparison.OrdinalIgnoreCase))
                {
                    ifModifiedSince = line[(colon + 1)..].Trim();
                }
            }

            var changed = _changed;
            var modified = changed ? SecondModified : FirstModified;
            var notModified = ifModifiedSince is not null
                && DateTimeOffset.TryParse(ifModifiedSince, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
                && since >= modified;
            byte[] response;
            if (notModified)
            {
                response = Encoding.ASCII.GetBytes("HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n");
            }
            else
            {
                var body = Encoding.UTF8.GetBytes(changed ? SecondPage : FirstPage);
                var head = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                    + $"Last-Modified: {modified.ToString("R", CultureInfo.InvariantCulture)}\r\n"
                    + $"Content-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                response = [.. Encoding.ASCII.GetBytes(head), .. body];
            }

            lock (_gate)
            {
                _requests.Add(new Request(ifModifiedSince, notModified ? 304 : 200, changed && !notModified));
            }

            await stream.WriteAsync(response, _stop.Token);
            await stream.FlushAsync(_stop.Token);
            if (!notModified && !changed)
            {
                FirstPageServed.TrySetResult();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }
}
