namespace Asphalt;

/// <summary>A service task ended with an exception while the application was running.</summary>
public sealed class ServiceTaskFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ServiceTaskFailedException(string taskName, string component, Exception innerException)
        : base($"Service task '{taskName}' of {component} crashed: {innerException.GetType().Name}: {innerException.Message}", innerException)
    {
        TaskName = taskName;
        Component = component;
    }

    /// <summary>The task's name.</summary>
    public string TaskName { get; }

    /// <summary>Who started it: <c>component 'app/web'</c>, or a description.</summary>
    public string Component { get; }
}
