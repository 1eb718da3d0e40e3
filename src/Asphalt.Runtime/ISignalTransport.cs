using System.Text.Json.Serialization.Metadata;

namespace Asphalt;

/// <summary>
/// Carries signals across processes over a named channel of some broker. The core knows no broker:
/// a package's component publishes an implementation as a resource (Asphalt.Redis's <c>redis</c>
/// component publishes one over Redis pub/sub), and generated code bridges each
/// <c>[Signal(..., Channel = "...")]</c> through it.
/// </summary>
/// <example>
/// <code>
/// var bridge = await transport.BridgeAsync(messages, "chat:messages", ChatJson.Default.ChatMessage, cancellationToken);
/// context.AddTeardown(bridge.DisposeAsync, "stop the chat bridge");
/// </code>
/// </example>
public interface ISignalTransport
{
    /// <summary>
    /// Starts carrying <paramref name="signal"/> over <paramref name="channel"/>: every local dispatch is
    /// sent to the channel, every event another process sent is dispatched locally.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="signal">The signal to bridge.</param>
    /// <param name="channel">The channel's name; every process bridging the same signal names the same channel.</param>
    /// <param name="eventType">Source-generated System.Text.Json metadata of the event type (no reflection).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The bridge; disposing it stops it.</returns>
    ValueTask<IAsyncDisposable> BridgeAsync<TEvent>(Signal<TEvent> signal, string channel, JsonTypeInfo<TEvent> eventType, CancellationToken cancellationToken);
}
