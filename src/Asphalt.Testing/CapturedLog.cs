using Microsoft.Extensions.Logging;

namespace Asphalt.Testing;

/// <summary>One captured log line.</summary>
/// <param name="Category">The logger's category (<c>Asphalt.Component</c>, <c>EchoServer.ServerComponent</c>).</param>
/// <param name="Level">Its level.</param>
/// <param name="Message">The formatted message.</param>
/// <param name="Exception">The exception logged with it, if any.</param>
/// <param name="Component">The path of the component whose code logged it (its log scope), or null outside any.</param>
public sealed record CapturedLog(string Category, LogLevel Level, string Message, Exception? Exception, string? Component)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Level} {Category} [{Component ?? "-"}]: {Message}";
}
