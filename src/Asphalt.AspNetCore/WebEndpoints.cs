using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.AspNetCore;

/// <summary>
/// What components contribute to the web server: services, middleware and endpoints. The
/// <see cref="WebComponent"/> publishes it in its prepare step; a component takes it as a parameter
/// of its own prepare step and adds to it. Everything contributed is applied, in the order it was
/// contributed, before the server accepts its first connection.
/// </summary>
/// <example><code>
/// [Component("api")]
/// public sealed partial class ApiComponent
/// {
///     public void PrepareAsync(WebEndpoints web) =>
///         web.MapEndpoints(routes => routes.MapGet("/count", ([FromResource] Counter counter) => counter.Value));
/// }
/// </code></example>
public sealed class WebEndpoints
{
    private readonly object _gate = new();
    private readonly List<Action<IServiceCollection>> _services = [];
    private readonly List<Action<IApplicationBuilder>> _middleware = [];
    private readonly List<Action<IEndpointRouteBuilder>> _endpoints = [];
    private readonly string _componentPath;
    private bool _applied;

    internal WebEndpoints(string componentPath) => _componentPath = componentPath;

    /// <summary>Adds services to the web server's service provider (JSON options, say).</summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public WebEndpoints ConfigureServices(Action<IServiceCollection> configure) => Add(_services, configure);

    /// <summary>Adds middleware; it runs inside the request's context, before the endpoints.</summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public WebEndpoints UseMiddleware(Action<IApplicationBuilder> configure) => Add(_middleware, configure);

    /// <summary>
    /// Maps endpoints: <c>routes.MapGet(…)</c>, <c>MapPost</c>, <c>MapGroup</c> and the rest of
    /// ASP.NET Core's routing API. Handler parameters marked <c>[FromResource(name)]</c> get
    /// Asphalt resources.
    /// </summary>
    /// <exception cref="InvalidOperationException">The server has already started.</exception>
    public WebEndpoints MapEndpoints(Action<IEndpointRouteBuilder> map) => Add(_endpoints, map);

    private WebEndpoints Add<T>(List<T> list, T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_gate)
        {
            if (_applied)
            {
                throw new InvalidOperationException(
                    $"The web server '{_componentPath}' has already started: contribute services, middleware and endpoints in a component's prepare step (PrepareAsync taking WebEndpoints).");
            }

            list.Add(item);
        }

        return this;
    }

    // Taken once, by the web component, right before it builds the server.
    internal WebContributions Seal()
    {
        lock (_gate)
        {
            _applied = true;
            return new WebContributions(_services, _middleware, _endpoints);
        }
    }
}

/// <summary>Everything contributed to a <see cref="WebEndpoints"/>, in the order it was contributed.</summary>
internal sealed record WebContributions(
    IReadOnlyList<Action<IServiceCollection>> Services,
    IReadOnlyList<Action<IApplicationBuilder>> Middleware,
    IReadOnlyList<Action<IEndpointRouteBuilder>> Endpoints);
