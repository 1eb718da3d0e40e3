namespace Asphalt;

/// <summary>One teardown callback failed. Names the callback and the component that registered it.</summary>
public sealed class TeardownCallbackException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="description">What the callback was (for example "dispose of EchoServer.Database 'default'").</param>
    /// <param name="owner">The path of the component that registered the callback, or null if none did.</param>
    /// <param name="innerException">What the callback threw.</param>
    public TeardownCallbackException(string description, string? owner, Exception innerException)
        : base($"{description}{(owner is null ? "" : $" (registered by component '{owner}')")} failed: "
            + $"{innerException.GetType().Name}: {innerException.Message}", innerException)
    {
        Description = description;
        Owner = owner;
    }

    /// <summary>What the callback was.</summary>
    public string Description { get; }

    /// <summary>The path of the component that registered the callback, or null.</summary>
    public string? Owner { get; }
}
