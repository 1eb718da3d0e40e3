using Asphalt.Redis.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Redis.Tests;

/// <summary>
/// A signal bridged by declaration (<c>[Signal(..., Channel = ...)]</c>): the generated start takes the
/// redis component's <see cref="ISignalTransport"/> and bridges the signal; two instances of the same
/// tree, each with its own context and connection, as two processes would have, against a real server.
/// </summary>
public sealed class BridgeDeclarationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static IConfiguration Configuration(string endpoint) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["components:redis:endpoints"] = endpoint }).Build();

    [Fact]
    public async Task An_event_dispatched_on_one_tree_reaches_the_other_once_through_the_declared_bridge()
    {
        using var broker = await Broker.StartAsync();
        var a = new Context();
        var b = new Context();
        await a.StartComponentAsync(DeclaredBridgeApp.Create(Configuration(broker.Endpoint)), Timeout);
        await b.StartComponentAsync(DeclaredBridgeApp.Create(Configuration(broker.Endpoint)), Timeout);
        var aNotes = a.GetResource<Signal<Note>>("notes");
        var bNotes = b.GetResource<Signal<Note>>("notes");
        var bReceived = new List<Note>();
        bNotes.Connect(n => { lock (bReceived) { bReceived.Add(n); } });

        var arrived = bNotes.WaitEventAsync(n => n.Text == "hello");
        await aNotes.DispatchAsync(new Note("hello", 1));
        Assert.Equal(new Note("hello", 1), await arrived.WaitAsync(Timeout));

        // Redis delivers one publisher's messages in order: once "last" arrived, a duplicate "hello" would have too.
        var last = bNotes.WaitEventAsync(n => n.Text == "last");
        await aNotes.DispatchAsync(new Note("last", 2));
        await last.WaitAsync(Timeout);
        lock (bReceived)
        {
            Assert.Equal(["hello", "last"], bReceived.Select(n => n.Text));
        }

        // Teardown stops the bridge before the connection closes: a clean close, no teardown error.
        await a.CloseAsync().WaitAsync(Timeout);
        await b.CloseAsync().WaitAsync(Timeout);
    }
}

/// <summary>Publishes the <c>notes</c> signal, bridged to a channel by declaration.</summary>
[Component("declaredBridge")]
public sealed partial class DeclaredBridgeComponent
{
    [Signal("notes", Channel = "asphalt-test:declared-notes")]
    public Signal<Note> Notes { get; } = new("notes");
}

/// <summary>A tree whose redis child publishes the transport the bridge needs.</summary>
[Component("declaredBridgeApp")]
[ChildComponent<RedisComponent>("redis")]
[ChildComponent<DeclaredBridgeComponent>("notes")]
public sealed partial class DeclaredBridgeApp;
