using System.ComponentModel;

namespace Asphalt;

/// <summary>
/// What the source generator knows about one public component of this assembly (alias, options,
/// steps, resources, signals, listeners, declared children), written by the generator so that the
/// generator of an application referencing this assembly checks, configures and registers the
/// component exactly like one of its own. Not for hand use: the text's format belongs to the generator.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true, Inherited = false)]
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class ComponentManifestAttribute : Attribute
{
    /// <summary>Records a component's manifest.</summary>
    /// <param name="manifest">The generator's description of the component.</param>
    public ComponentManifestAttribute(string manifest) => Manifest = manifest;

    /// <summary>The generator's description of the component.</summary>
    public string Manifest { get; }
}
