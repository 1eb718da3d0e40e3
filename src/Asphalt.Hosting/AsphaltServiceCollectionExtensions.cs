using Asphalt;
using Asphalt.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds an Asphalt component tree to a host's services (<c>builder.Services.AddAsphalt(...)</c>).</summary>
public static class AsphaltServiceCollectionExtensions
{
    /// <summary>
    /// Runs the tree made by <paramref name="createRoot"/> as a hosted service, and registers every
    /// resource its tree declares in code (the generated <see cref="IResourceCatalog"/>) as a keyed
    /// service by resource name.
    /// </summary>
    /// <typeparam name="TRoot">A <c>[Component]</c> class (the generator implements <see cref="IResourceCatalog"/> on it).</typeparam>
    /// <param name="services">The host's services.</param>
    /// <param name="createRoot">Creates the root component, for example <c>_ => App.Create()</c>.</param>
    /// <param name="configure">Adjusts the start and stop timeouts and the root alias (logging, signals, lifetime and services are the host's).</param>
    /// <returns>A builder to register further resources by hand.</returns>
    /// <exception cref="InvalidOperationException">AddAsphalt was called already: one tree per host.</exception>
    public static AsphaltBuilder AddAsphalt<TRoot>(this IServiceCollection services, Func<IServiceProvider, TRoot> createRoot, Action<ApplicationOptions>? configure = null)
        where TRoot : Component, IResourceCatalog
    {
        var builder = AddTree(services, createRoot, configure, resourcesRegistered: true);
        TRoot.VisitResources(new KeyedResourceRegistrar(builder));
        return builder;
    }

    /// <summary>
    /// Runs the tree made by <paramref name="createRoot"/> as a hosted service: the host's start starts it
    /// (and fails, with the runner's error text, when the tree fails to start), the host's stop tears it down,
    /// and the tree stopping by itself (a run-to-exit root returning, <see cref="ApplicationLifetime.StopApplication"/>,
    /// a crashed service task) stops the host with the tree's exit code (<see cref="Environment.ExitCode"/>).
    /// Registers <see cref="ApplicationLifetime"/> as a service and the <c>asphalt-live</c> / <c>asphalt-ready</c>
    /// health checks tagged <see cref="AsphaltHealthChecks.LiveTag"/> / <see cref="AsphaltHealthChecks.ReadyTag"/>.
    /// Register resources as keyed services with <see cref="AsphaltBuilder.AddResource{T}"/>, or use the
    /// generic overload with a generated component. A generated root passed here as a plain
    /// <see cref="Component"/> gets none of its resources registered: the host's start logs a warning
    /// saying so (the container is built before the root exists, so this overload cannot read its catalog).
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="createRoot">Creates the root component.</param>
    /// <param name="configure">Adjusts the start and stop timeouts and the root alias.</param>
    /// <returns>A builder to register resources as keyed services.</returns>
    /// <exception cref="InvalidOperationException">AddAsphalt was called already: one tree per host.</exception>
    public static AsphaltBuilder AddAsphalt(this IServiceCollection services, Func<IServiceProvider, Component> createRoot, Action<ApplicationOptions>? configure = null) =>
        AddTree(services, createRoot, configure, resourcesRegistered: false);

    private static AsphaltBuilder AddTree(IServiceCollection services, Func<IServiceProvider, Component> createRoot, Action<ApplicationOptions>? configure, bool resourcesRegistered)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(createRoot);
        if (services.Any(d => d.ServiceType == typeof(ApplicationLifetime)))
        {
            throw new InvalidOperationException("AddAsphalt was called twice: a host runs one component tree; add further components as children of its root.");
        }

        var lifetime = new ApplicationLifetime();
        services.AddSingleton(lifetime);
        services.AddHostedService(provider => new AsphaltHostedService(
            createRoot,
            configure,
            resourcesRegistered,
            lifetime,
            provider,
            provider.GetRequiredService<IHostApplicationLifetime>(),
            provider.GetRequiredService<ILoggerFactory>()));
        services.AddHealthChecks().AddAsphaltChecks(lifetime);
        return new AsphaltBuilder(services, lifetime);
    }
}
