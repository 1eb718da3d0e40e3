using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.AspNetCore;

/// <summary>
/// A request's service provider: keyed lookups with a string key are answered from the request's
/// <see cref="Context"/> (the key is the resource name), everything else from the server's own
/// provider. This is what <c>[FromResource(name)]</c> parameters resolve through, by type
/// object and name: no reflection and no registration per resource type.
/// </summary>
internal sealed class ResourceServiceProvider(Context context, IServiceProvider services) : IKeyedServiceProvider
{
    public object? GetService(Type serviceType) => services.GetService(serviceType);

    public object? GetKeyedService(Type serviceType, object? serviceKey) =>
        serviceKey is string or null && context.TryGetResource(serviceType, serviceKey as string ?? ResourceKey.DefaultName, out var resource)
            ? resource
            : (services as IKeyedServiceProvider)?.GetKeyedService(serviceType, serviceKey);

    public object GetRequiredKeyedService(Type serviceType, object? serviceKey)
    {
        if (GetKeyedService(serviceType, serviceKey) is { } found)
        {
            return found;
        }

        // Neither a resource nor a keyed service: the Runtime's lookup throws its own error (not found, or
        // only an async factory provides it).
        if (serviceKey is string or null)
        {
            return context.GetResource(serviceType, serviceKey as string ?? ResourceKey.DefaultName);
        }

        throw new InvalidOperationException($"No keyed service {serviceType} with key '{serviceKey}' is registered.");
    }
}
