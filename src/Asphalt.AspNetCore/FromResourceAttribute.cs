using Microsoft.Extensions.DependencyInjection;

namespace Asphalt.AspNetCore;

/// <summary>
/// Binds an endpoint handler's parameter to an Asphalt resource of the parameter's type and this
/// name, looked up in the request's <see cref="Context"/> (so request-scoped resources and resource
/// factories work): <c>([FromResource] MessageStore store) =&gt; …</c>.
/// </summary>
/// <remarks>
/// It is a keyed-service attribute: the minimal-API source generator (RequestDelegateGenerator)
/// already turns such a parameter into <c>RequestServices.GetRequiredKeyedService&lt;T&gt;(name)</c>
/// at build time, and <see cref="WebComponent"/> gives each request a service provider that answers
/// keyed lookups from the request's context. No reflection, no registration per resource type. The
/// Asphalt generator checks the parameter like a step parameter: a resource the tree does not
/// publish is ASPH0001 at the parameter.
/// </remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromResourceAttribute : FromKeyedServicesAttribute
{
    /// <summary>Takes the resource named <paramref name="name"/>.</summary>
    /// <param name="name">The resource name; <c>default</c> when omitted.</param>
    public FromResourceAttribute(string name = ResourceKey.DefaultName)
        : base(name)
    {
        Name = name;
    }

    /// <summary>The resource name.</summary>
    public string Name { get; }
}
