namespace Asphalt;

/// <summary>
/// A resource of the same type and name is already published (or has a factory) in the context.
/// Names both publishers so the duplicate can be found.
/// </summary>
public sealed class ResourceConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="key">The type and name published twice.</param>
    /// <param name="existingPublisher">Who published the resource first (a component path, or a description).</param>
    /// <param name="newPublisher">Who tried to publish it again.</param>
    public ResourceConflictException(ResourceKey key, string existingPublisher, string newPublisher)
        : base($"A resource of type {TypeNames.Display(key.Type)} named '{key.Name}' is already published by {existingPublisher}; "
            + $"{newPublisher} tried to publish another one. Publish it under a different name, or remove one of the publishers.")
    {
        Key = key;
        ExistingPublisher = existingPublisher;
        NewPublisher = newPublisher;
    }

    /// <summary>The type and name that were published twice.</summary>
    public ResourceKey Key { get; }

    /// <summary>Who published the resource first.</summary>
    public string ExistingPublisher { get; }

    /// <summary>Who tried to publish it again.</summary>
    public string NewPublisher { get; }
}
