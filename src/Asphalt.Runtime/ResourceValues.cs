using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;

namespace Asphalt;

/// <summary>Checks and lookups made by generated code around the resources a component takes and publishes.</summary>
/// <remarks>Public so generated code can use it; not meant to be used by hand.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class ResourceValues
{
    /// <summary>
    /// Throws for a null value that a component declared as a resource, naming the component and the
    /// declaration. One shared method keeps the message building out of every generated step.
    /// </summary>
    /// <param name="component">The component publishing it.</param>
    /// <param name="componentType">The component's type as the build named it.</param>
    /// <param name="declaration">Where the value came from and what it declares, for example
    /// <c>its return value of StartAsync, which declares the resource Db 'default'</c>.</param>
    /// <exception cref="InvalidOperationException">Always.</exception>
    [DoesNotReturn]
    public static void ThrowNull(Component component, string componentType, string declaration) =>
        throw new InvalidOperationException($"Component '{component?.Path}' ({componentType}) has null in {declaration}.");

    /// <summary>The configured name of a <c>[Resource(NameOption = ...)]</c> parameter, or the declared one when the option is not set.</summary>
    /// <param name="configured">The option's value.</param>
    /// <param name="declared">The name the parameter declares.</param>
    public static string NameFrom(string? configured, string declared) => string.IsNullOrEmpty(configured) ? declared : configured;
}
