namespace Asphalt;

/// <summary><see cref="Context.Current"/> was read outside of any active context.</summary>
public sealed class NoCurrentContextException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public NoCurrentContextException()
        : base("There is no current Asphalt context. Run the code from a component, a service task or a signal "
            + "listener started by the application, or make a context current with Context.MakeCurrent().")
    {
    }
}
