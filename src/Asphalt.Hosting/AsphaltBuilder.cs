using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Asphalt.Hosting;

/// <summary>What <c>AddAsphalt</c> returns: registers the tree's resources as keyed services.</summary>
public sealed class AsphaltBuilder
{
    internal AsphaltBuilder(IServiceCollection services, ApplicationLifetime lifetime)
    {
        Services = services;
        Lifetime = lifetime;
    }

    /// <summary>The host's services.</summary>
    public IServiceCollection Services { get; }

    /// <summary>The tree's lifetime (also registered as a service).</summary>
    public ApplicationLifetime Lifetime { get; }

    /// <summary>
    /// Makes the resource of type <typeparamref name="T"/> named <paramref name="name"/> resolvable as a
    /// keyed service (<c>[FromKeyedServices("name")] T value</c>, <c>GetRequiredKeyedService&lt;T&gt;("name")</c>).
    /// Resolved from the tree's context once, on first use; resolving it before the tree started throws an
    /// <see cref="InvalidOperationException"/> that says so, and when no component published it (or only an
    /// async factory provides it) the Runtime's error of <see cref="Context.GetResource(Type, string)"/>.
    /// Registering the same type and name again changes nothing, and so does a keyed service of that type
    /// and name registered before (yours wins).
    /// </summary>
    /// <typeparam name="T">The type the resource is published as.</typeparam>
    /// <param name="name">The resource name (<c>default</c> unless the component names it).</param>
    public AsphaltBuilder AddResource<T>(string name = ResourceKey.DefaultName)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var lifetime = Lifetime;
        Services.TryAddKeyedSingleton(typeof(T), name, (_, _) => ResolveResource(lifetime, typeof(T), name));
        return this;
    }

    private static object ResolveResource(ApplicationLifetime lifetime, Type type, string name)
    {
        if (lifetime.State == ApplicationState.Starting || lifetime.Context is not { } context)
        {
            throw new InvalidOperationException(
                $"Resource {type.Name} '{name}' was asked for before the Asphalt tree started; resolve it once the host has started (in an endpoint or after IHostApplicationLifetime.ApplicationStarted).");
        }

        return context.GetResource(type, name);
    }
}
