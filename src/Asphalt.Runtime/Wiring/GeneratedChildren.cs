using System.ComponentModel;

namespace Asphalt;

/// <summary>What generated factories call for children they cannot create.</summary>
/// <remarks>Public so generated code can use it; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class GeneratedChildren
{
    /// <summary>
    /// Throws for a declared <c>[Component]</c> child that got no generated factory. The build reports
    /// why on the child's type; the parent's factory still compiles, so that error is the only one.
    /// </summary>
    /// <param name="parentType">The declaring component's type.</param>
    /// <param name="alias">The child's alias.</param>
    /// <param name="childType">The child's type.</param>
    /// <exception cref="InvalidOperationException">Always.</exception>
    public static Component NotGenerated(string parentType, string alias, string childType) =>
        throw new InvalidOperationException(
            $"Component '{parentType}' cannot create its child '{alias}': {childType} has no generated factory, because the build reported an error on it (ASPH0004, ASPH0005, ASPH0008 or ASPH0019); fix that error.");
}
