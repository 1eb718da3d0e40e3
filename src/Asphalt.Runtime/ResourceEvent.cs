namespace Asphalt;

/// <summary>Sent by <see cref="Context.ResourceAdded"/> when a resource or resource factory is added.</summary>
/// <param name="Context">The context the resource was added to.</param>
/// <param name="Types">The types it was published under.</param>
/// <param name="Name">Its name.</param>
/// <param name="IsFactory">True if a factory was registered rather than a value published.</param>
/// <param name="Publisher">Who published it (a component path, or a description).</param>
public sealed record ResourceEvent(Context Context, IReadOnlyList<Type> Types, string Name, bool IsFactory, string Publisher);
