using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Packages
{
    /// <summary>A public component's manifest as an assembly attribute, written at the top of its generated file.</summary>
    internal static class ManifestEmitter
    {
        public static void Write(SourceWriter writer, ComponentModel model)
        {
            if (!model.IsPublic)
            {
                return; // Other assemblies cannot use it.
            }

            writer.WriteLine("// What the generator knows about " + model.Type.DisplayName + ", for the generator of assemblies that reference this one.");
            writer.WriteLine("[assembly: global::" + ComponentManifest.AttributeName + "(" + Literals.String(ComponentManifest.Write(model)) + ")]");
            writer.WriteLine();
        }
    }
}
