namespace Asphalt;

/// <summary>
/// Connects a method of a component to a signal published in the context (by <see cref="SignalAttribute"/>
/// or by hand as a <c>Signal&lt;TEvent&gt;</c> resource). The method takes one parameter, the event,
/// and returns <c>void</c>, <see cref="ValueTask"/> or <see cref="Task"/>. It is connected when the
/// component's <c>StartAsync</c> method has returned (so the state it uses is ready) and
/// disconnected at teardown.
/// </summary>
/// <example>
/// <code>
/// [SignalListener("messages")]
/// private void OnMessage(ChatMessage message) => Interlocked.Increment(ref _count);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = true)]
public sealed class SignalListenerAttribute : Attribute
{
    /// <summary>Connects to the signal named <c>"default"</c> of the method's event type.</summary>
    public SignalListenerAttribute()
    {
    }

    /// <summary>Connects to the signal named <paramref name="signalName"/>.</summary>
    /// <param name="signalName">The name under which the <c>Signal&lt;TEvent&gt;</c> is published.</param>
    public SignalListenerAttribute(string signalName) => SignalName = signalName;

    /// <summary>The name of the signal resource.</summary>
    public string SignalName { get; } = ResourceKey.DefaultName;
}
