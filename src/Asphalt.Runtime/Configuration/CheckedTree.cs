using Asphalt.Trees;

namespace Asphalt.Configuration;

/// <summary>The outcome of checking a configured tree: the created root when nothing was wrong, otherwise every problem.</summary>
/// <param name="Root">The root component with its children, not started; null when <paramref name="Errors"/> is not empty.</param>
/// <param name="Errors">Every problem found, in source order.</param>
/// <param name="Tree">The configured tree the components were created from; null with <paramref name="Root"/>.</param>
/// <param name="Graph">
/// Its resource graph, computed while checking; null with <paramref name="Root"/>. <c>check</c> and <c>graph</c>
/// report from it rather than reading and analysing the tree a second time.
/// </param>
internal sealed record CheckedTree(Component? Root, IReadOnlyList<ConfigurationError> Errors, TreeNode? Tree = null, TreeGraph? Graph = null);
