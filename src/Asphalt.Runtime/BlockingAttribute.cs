namespace Asphalt;

/// <summary>
/// Marks a method, constructor or property as blocking the calling thread (it waits on I/O, a lock
/// or another thread). The Asphalt analyzers report a call to it on an async path (ASPH1001) and
/// any sync chain of calls that reaches it (ASPH1002), exactly as they do for the framework's own
/// blocking APIs.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Constructor | AttributeTargets.Property,
    Inherited = false, AllowMultiple = false)]
public sealed class BlockingAttribute : Attribute
{
    /// <summary>Creates the marker.</summary>
    public BlockingAttribute()
    {
    }

    /// <summary>Creates the marker, naming the awaitable member callers should use instead.</summary>
    /// <param name="asyncAlternative">The name of a member on the same type that does the same work without blocking.</param>
    public BlockingAttribute(string asyncAlternative) => AsyncAlternative = asyncAlternative;

    /// <summary>The name of a member on the same type that does the same work without blocking, if any.</summary>
    public string? AsyncAlternative { get; }
}
