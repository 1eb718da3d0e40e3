namespace Asphalt.Configuration;

/// <summary>The outcome of checking a configured tree: the created root when nothing was wrong, otherwise every problem.</summary>
/// <param name="Root">The root component with its children, not started; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, in source order.</param>
internal sealed record CheckedTree(Component? Root, IReadOnlyList<ConfigurationError> Errors);
