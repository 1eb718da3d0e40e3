using Asphalt.Redis.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace Asphalt.Redis.Tests;

/// <summary>
/// A signal bridged by configuration (<c>bridges: { notes: channel }</c> on the publishing component's
/// section, and a <c>redis</c> component added by configuration): two instances of the same tree, each with
/// its own context and connection, as two processes would have, against a real server.
/// </summary>
public sealed class ConfiguredBridgeTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static IConfiguration Bridged(string endpoint) => Configuration(new()
    {
        ["components:redis:endpoints"] = endpoint,
        ["components:notes:bridges:notes"] = "asphalt-test:configured-notes",
    });

    [Fact]
    public async Task An_event_dispatched_on_one_tree_reaches_the_other_once_through_the_configured_bridge()
    {
        using var broker = await Broker.StartAsync();
        var a = new Context();
        var b = new Context();
        await a.StartComponentAsync(ConfiguredBridgeApp.Create(Bridged(broker.Endpoint)), Timeout);
        await b.StartComponentAsync(ConfiguredBridgeApp.Create(Bridged(broker.Endpoint)), Timeout);
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

    [Fact]
    public async Task Without_bridges_and_broker_configured_the_same_tree_runs_alone()
    {
        var context = new Context();
        await context.StartComponentAsync(ConfiguredBridgeApp.Create(Configuration([])), Timeout);
        var notes = context.GetResource<Signal<Note>>("notes");
        var arrived = notes.WaitEventAsync(n => n.Text == "local");
        await notes.DispatchAsync(new Note("local", 1));
        Assert.Equal("local", (await arrived.WaitAsync(Timeout)).Text);
        Assert.False(context.TryGetResource<ISignalTransport>(out _));
        await context.CloseAsync().WaitAsync(Timeout);
    }
}

/// <summary>Publishes the <c>notes</c> signal; configuration may bridge it.</summary>
[Component("configuredBridge")]
public sealed partial class ConfiguredBridgeComponent
{
    [Signal("notes")]
    public Signal<Note> Notes { get; } = new("notes");
}

/// <summary>A tree with no broker in code: configuration adds the <c>redis</c> component and the bridge.</summary>
[Component("configuredBridgeApp")]
[ChildComponent<ConfiguredBridgeComponent>("notes")]
public sealed partial class ConfiguredBridgeApp;
