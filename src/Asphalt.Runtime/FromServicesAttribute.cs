namespace Asphalt;

/// <summary>
/// On a step method parameter: the value comes from the host's services (<see cref="Context.Services"/>,
/// set by <c>AddAsphalt</c>), not from the tree's resources. Resolved when the step runs; a missing
/// service fails the component's start with a <see cref="ServiceNotFoundException"/> naming the
/// component, the parameter and the service type. A nullable parameter or one with a default value is
/// optional: it gets null (its default) when the service is missing.
/// </summary>
/// <example>
/// <code>
/// public Fetcher StartAsync([FromServices] IHttpClientFactory http) => new(http.CreateClient());
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromServicesAttribute : Attribute;
