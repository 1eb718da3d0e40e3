using System.Collections.Generic;
using System.Linq;
using System.Text;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Wiring
{
    /// <summary>The wiring graph as Mermaid and DOT text: components, resources, who publishes and who takes what.</summary>
    internal static class GraphText
    {
        public static string Mermaid(EquatableArray<PlanComponent> components, EquatableArray<PlanResource> resources)
        {
            var ids = ComponentIds(components);
            var text = new StringBuilder("flowchart LR\n");
            foreach (var component in components)
            {
                text.Append("    ").Append(ids[component.Path]).Append("[\"").Append(Mermaid(component.Path)).Append("<br/>")
                    .Append(Mermaid(component.Type)).Append("\"]\n");
            }

            for (var i = 0; i < resources.Count; i++)
            {
                var resource = resources[i];
                var label = Mermaid($"{resource.Type} '{resource.Name}'");
                text.Append("    r").Append(i).Append(resource.IsSignal ? "{{\"" : "[(\"").Append(label).Append(resource.IsSignal ? "\"}}" : "\")]").Append('\n');
            }

            foreach (var component in components)
            {
                var parent = ParentOf(component.Path);
                if (parent is not null && ids.TryGetValue(parent, out var parentId))
                {
                    text.Append("    ").Append(parentId).Append(" -. child .-> ").Append(ids[component.Path]).Append('\n');
                }
            }

            for (var i = 0; i < resources.Count; i++)
            {
                var resource = resources[i];
                text.Append("    ").Append(ids[resource.Provider]).Append(" -->|publishes| r").Append(i).Append('\n');
                foreach (var consumer in resource.Consumers)
                {
                    text.Append("    r").Append(i).Append(" -->|takes| ").Append(ids[consumer]).Append('\n');
                }

                foreach (var listener in resource.Listeners)
                {
                    text.Append("    r").Append(i).Append(" -.->|listens| ").Append(ids[listener]).Append('\n');
                }
            }

            return text.ToString();
        }

        public static string Dot(string rootType, EquatableArray<PlanComponent> components, EquatableArray<PlanResource> resources)
        {
            var ids = ComponentIds(components);
            var text = new StringBuilder();
            text.Append("digraph \"").Append(Dot(rootType)).Append("\" {\n    rankdir=LR;\n    node [shape=box];\n");
            foreach (var component in components)
            {
                text.Append("    ").Append(ids[component.Path]).Append(" [label=\"").Append(Dot(component.Path)).Append("\\n").Append(Dot(component.Type)).Append("\"];\n");
            }

            for (var i = 0; i < resources.Count; i++)
            {
                var resource = resources[i];
                text.Append("    r").Append(i).Append(" [label=\"").Append(Dot($"{resource.Type} '{resource.Name}'"))
                    .Append(resource.IsSignal ? "\", shape=hexagon];\n" : "\", shape=ellipse];\n");
            }

            foreach (var component in components)
            {
                var parent = ParentOf(component.Path);
                if (parent is not null && ids.TryGetValue(parent, out var parentId))
                {
                    text.Append("    ").Append(parentId).Append(" -> ").Append(ids[component.Path]).Append(" [style=dashed, label=\"child\"];\n");
                }
            }

            for (var i = 0; i < resources.Count; i++)
            {
                var resource = resources[i];
                text.Append("    ").Append(ids[resource.Provider]).Append(" -> r").Append(i).Append(" [label=\"publishes\"];\n");
                foreach (var consumer in resource.Consumers)
                {
                    text.Append("    r").Append(i).Append(" -> ").Append(ids[consumer]).Append(" [label=\"takes\"];\n");
                }

                foreach (var listener in resource.Listeners)
                {
                    text.Append("    r").Append(i).Append(" -> ").Append(ids[listener]).Append(" [style=dotted, label=\"listens\"];\n");
                }
            }

            return text.Append("}\n").ToString();
        }

        private static Dictionary<string, string> ComponentIds(EquatableArray<PlanComponent> components)
        {
            var ids = new Dictionary<string, string>();
            for (var i = 0; i < components.Count; i++)
            {
                ids[components[i].Path] = "c" + i;
            }

            return ids;
        }

        private static string? ParentOf(string path)
        {
            var slash = path.LastIndexOf('/');
            return slash < 0 ? null : path.Substring(0, slash);
        }

        private static string Mermaid(string text) =>
            text.Replace("\"", "#quot;").Replace("<", "#lt;").Replace(">", "#gt;");

        private static string Dot(string text) => text.Replace("\\", "\\\\").Replace("\"", "\\\"");
    }
}
