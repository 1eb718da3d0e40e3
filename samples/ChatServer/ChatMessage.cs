namespace ChatServer;

/// <summary>A line someone said in the chat.</summary>
/// <param name="User">The sender's nickname.</param>
/// <param name="Text">What they said.</param>
/// <param name="At">When the server received it.</param>
public sealed record ChatMessage(string User, string Text, DateTimeOffset At)
{
    /// <summary>The line sent to clients: <c>alice: hello</c>.</summary>
    public override string ToString() => $"{User}: {Text}";
}
