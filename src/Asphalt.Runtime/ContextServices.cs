namespace Asphalt;

/// <summary>Resolves <see cref="FromServicesAttribute"/> parameters from <see cref="Context.Services"/> (called by generated steps).</summary>
public static class ContextServices
{
    /// <summary>Returns the service, or throws <see cref="ServiceNotFoundException"/> naming the component, the parameter and the type.</summary>
    /// <param name="context">The component's context.</param>
    /// <param name="serviceType">The service type (no generic instantiation per type: that would cost NativeAOT size).</param>
    /// <param name="parameter">The parameter, as <c>'http' of StartAsync</c>.</param>
    public static object GetRequired(Context context, Type serviceType, string parameter)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serviceType);
        var services = context.Services;
        return services?.GetService(serviceType)
            ?? throw new ServiceNotFoundException(serviceType, parameter, ComponentNode.Current?.Path, services is not null);
    }

    /// <summary>Returns the service, or null when the host does not provide it (or there is no host).</summary>
    public static object? GetOptional(Context context, Type serviceType)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(serviceType);
        return context.Services?.GetService(serviceType);
    }
}
