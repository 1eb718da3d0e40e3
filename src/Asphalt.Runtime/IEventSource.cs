namespace Asphalt;

/// <summary>
/// Something events can be received from: a <see cref="Signal{TEvent}"/>. Covariant, so signals of
/// different event types can be streamed together as their common base type
/// (see <see cref="Signals.StreamEvents{TEvent}(IEventSource{TEvent}[])"/>).
/// </summary>
/// <typeparam name="TEvent">The event type.</typeparam>
public interface IEventSource<out TEvent>
{
    /// <summary>The signal's name, used in log messages.</summary>
    string Name { get; }

    /// <summary>Connects a synchronous listener until the returned subscription is disposed.</summary>
    IDisposable Subscribe(Action<TEvent> listener);
}
