#nullable enable

namespace Asphalt.Trees
{
    /// <summary>
    /// How a type is named in the registry, the wiring plan and the graph, on every path: the build's
    /// generated <c>WiringPlan</c> and graph file, and the command line's <c>graph</c> (which takes the
    /// names the generated registry wrote with this), so their output can be compared line by line.
    /// </summary>
    internal static class GraphNames
    {
        /// <summary>The type's full name without <c>global::</c> (<c>Asphalt.Signal&lt;Chat.Message&gt;</c>).</summary>
        /// <param name="qualifiedName">The name as C# code writes it, <c>global::</c>-qualified.</param>
        public static string Type(string qualifiedName) => qualifiedName.Replace("global::", string.Empty);
    }
}
