namespace Asphalt;

/// <summary>A component asked for a host service (<see cref="FromServicesAttribute"/>) that the host does not provide.</summary>
public sealed class ServiceNotFoundException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="serviceType">The service type asked for.</param>
    /// <param name="parameter">The step parameter that asked, as <c>'http' of StartAsync</c>.</param>
    /// <param name="component">The component's path (<c>app/fetcher</c>), or null outside a component.</param>
    /// <param name="hasServices">Whether the context had a service provider at all.</param>
    public ServiceNotFoundException(Type serviceType, string parameter, string? component, bool hasServices)
        : base(Describe(serviceType, parameter, component, hasServices))
    {
        ServiceType = serviceType;
        Parameter = parameter;
        Component = component;
    }

    /// <summary>The service type asked for.</summary>
    public Type ServiceType { get; }

    /// <summary>The step parameter that asked.</summary>
    public string Parameter { get; }

    /// <summary>The component's path, or null outside a component.</summary>
    public string? Component { get; }

    private static string Describe(Type serviceType, string parameter, string? component, bool hasServices)
    {
        var who = component is null ? "Code outside any component" : $"Component '{component}'";
        var type = TypeNames.Display(serviceType);
        return hasServices
            ? $"{who} takes service {type} in parameter {parameter}, but the host's service provider has no registration for it; register it (builder.Services.Add...<{type}>()) before AddAsphalt's host starts, or make the parameter nullable to take it only when present"
            : $"{who} takes service {type} in parameter {parameter}, but the tree runs without a host's services; run it with services.AddAsphalt(...) or set ApplicationOptions.Services";
    }
}
