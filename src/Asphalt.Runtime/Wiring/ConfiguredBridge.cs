using Asphalt.Trees;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

/// <summary>
/// A signal that a component's configuration bridges to a channel of the tree's <see cref="ISignalTransport"/>
/// (<c>bridges: { messages: chat:messages }</c> in the section of the component publishing the signal).
/// Generated code reads them when it creates the component and starts each bridge in the component's start,
/// through a typed starter generated for every signal whose event type has System.Text.Json metadata.
/// </summary>
/// <param name="Signal">The signal's name, as configuration writes it.</param>
/// <param name="Channel">The channel every process bridging the signal names.</param>
public sealed record ConfiguredBridge(string Signal, string Channel)
{
    /// <summary>For logs and teardown: <c>bridge of signal 'messages' to channel 'chat:messages'</c>.</summary>
    public string Description => $"bridge of signal '{Signal}' to channel '{Channel}'";

    /// <summary>The bridges <paramref name="configuration"/> (a component's section) names under <c>bridges:</c>; none when absent.</summary>
    /// <param name="configuration">The component's section, or null.</param>
    public static IReadOnlyList<ConfiguredBridge> Read(IConfiguration? configuration)
    {
        var section = configuration?.GetSection(TreeRules.BridgesKey);
        if (section is null)
        {
            return [];
        }

        // The command line checked the key (ConfiguredBridges, shared with the build); a section given to
        // Create by hand reaches the start unchecked, where the starter names what is wrong.
        return [.. section.GetChildren().Select(c => new ConfiguredBridge(c.Key, c.Value ?? string.Empty))];
    }

    /// <summary>
    /// Takes the tree's <see cref="ISignalTransport"/> named <c>"default"</c> (so the transport has started and
    /// stops after the bridges: teardown runs in reverse) and starts each bridge with <paramref name="start"/>,
    /// registering a teardown that stops it. Does nothing, and takes no transport, when there is no bridge.
    /// </summary>
    /// <param name="bridges">The configured bridges.</param>
    /// <param name="context">The component's context.</param>
    /// <param name="start">The component's generated typed starter.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async ValueTask StartAllAsync(
        IReadOnlyList<ConfiguredBridge> bridges,
        Context context,
        Func<ISignalTransport, ConfiguredBridge, CancellationToken, ValueTask<IAsyncDisposable>> start,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bridges);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(start);
        if (bridges.Count == 0)
        {
            return;
        }

        var transport = await context.GetResourceAsync<ISignalTransport>(TreeRules.SignalTransportName, cancellationToken).ConfigureAwait(false);
        foreach (var bridge in bridges)
        {
            var started = await start(transport, bridge, cancellationToken).ConfigureAwait(false);
            context.AddTeardown(started.DisposeAsync, "stop the " + bridge.Description);
        }
    }

    /// <summary>
    /// The error for a bridge the component cannot start: a signal it does not publish, or one whose event
    /// type has no System.Text.Json metadata. The message is the one the build and the command line give.
    /// </summary>
    /// <param name="component">The component whose configuration names the bridge.</param>
    /// <param name="bridge">The bridge.</param>
    /// <param name="typeName">The component's type name.</param>
    /// <param name="signals">Every signal the component publishes, with its event type when it has no metadata (null otherwise).</param>
    public static InvalidOperationException CannotBridge(Component component, ConfiguredBridge bridge, string typeName, IReadOnlyList<KeyValuePair<string, string?>> signals)
    {
        ArgumentNullException.ThrowIfNull(component);
        ArgumentNullException.ThrowIfNull(bridge);
        ArgumentNullException.ThrowIfNull(signals);
        var signal = signals.FirstOrDefault(s => string.Equals(s.Key, bridge.Signal, StringComparison.OrdinalIgnoreCase));
        var message = signal.Key is not null && signal.Value is { } eventType
            ? TreeMessages.BridgedEventWithoutJsonMetadata(typeName, signal.Key, bridge.Channel, eventType)
            : TreeMessages.UnknownBridgedSignal(component.Path ?? typeName, typeName, bridge.Signal, [.. signals.Select(s => s.Key)]);
        return new InvalidOperationException(message);
    }
}
