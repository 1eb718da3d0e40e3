using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Asphalt.Tests.Shared;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WebNotifier.Tests;

/// <summary>A real SMTP server (the SmtpServer package) on loopback that hands every received message to the test.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly SmtpServer.SmtpServer _server;
    private readonly Task _running;
    private readonly Channel<MimeMessage> _received = Channel.CreateUnbounded<MimeMessage>();

    public LoopbackSmtpServer()
    {
        Port = Loopback.FreePort();
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(_received.Writer));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>Waits for the next message the server accepted.</summary>
    public ValueTask<MimeMessage> ReceiveAsync(CancellationToken cancellationToken) => _received.Reader.ReadAsync(cancellationToken);

    /// <summary>Waits until the server accepts connections (it starts listening asynchronously).</summary>
    public async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class Store(ChannelWriter<MimeMessage> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            await received.WriteAsync(message, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
