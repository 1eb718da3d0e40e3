namespace Asphalt.Generators.Models
{
    /// <summary>A type as text: never an <c>ITypeSymbol</c>, so models stay equatable and hold no compilation.</summary>
    /// <param name="FullName">The <c>global::</c>-qualified name used in emitted code.</param>
    /// <param name="DisplayName">The readable name used in messages and graphs (<c>Signal&lt;ChatMessage&gt;</c>).</param>
    /// <param name="IsValueType">Whether it is a value type (no null check when publishing).</param>
    internal sealed record TypeRef(string FullName, string DisplayName, bool IsValueType);
}
