#nullable enable
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Asphalt.Trees
{
    /// <summary>
    /// The wiring graph as Mermaid and DOT text, written once: <c>graph</c> prints it for the configured
    /// tree, the build emits it in each root's <c>WiringPlan</c> (<c>graph --declared</c>).
    /// </summary>
    internal static class GraphText
    {
        /// <summary>A component of the drawing: its path (the parent is the path before the last '/') and type.</summary>
        public readonly struct Component
        {
            public Component(string path, string type)
            {
                Path = path;
                Type = type;
            }

            public string Path { get; }

            public string Type { get; }
        }

        public static string Mermaid(IReadOnlyList<Component> components, IReadOnlyList<GraphResource> resources, IReadOnlyList<IReadOnlyList<string>> stages)
        {
            var ids = Ids(components);
            var text = new StringBuilder("flowchart LR\n");
            foreach (var component in components)
            {
                text.Append("  ").Append(ids[component.Path]).Append("[\"").Append(MermaidEscape(component.Path)).Append("<br/><small>")
                    .Append(MermaidEscape(component.Type)).Append("</small>\"]\n");
            }

            for (var i = 0; i < resources.Count; i++)
            {
                var label = MermaidEscape(Label(resources[i]));
                text.Append("  r").Append(Number(i)).Append(resources[i].IsSignal ? "{{\"" + label + "\"}}" : "([\"" + label + "\"])").Append('\n');
            }

            foreach (var (parent, child) in ParentEdges(components))
            {
                text.Append("  ").Append(ids[parent]).Append(" -.- ").Append(ids[child]).Append('\n');
            }

            for (var i = 0; i < resources.Count; i++)
            {
                text.Append("  ").Append(ids[resources[i].Provider]).Append(" --> r").Append(Number(i)).Append('\n');
                foreach (var consumer in resources[i].Consumers.Where(ids.ContainsKey))
                {
                    text.Append("  r").Append(Number(i)).Append(" --> ").Append(ids[consumer]).Append('\n');
                }

                foreach (var listener in resources[i].Listeners.Where(ids.ContainsKey))
                {
                    text.Append("  r").Append(Number(i)).Append(" -.-> ").Append(ids[listener]).Append('\n');
                }
            }

            AppendStartOrder(text, "%%", stages);
            return text.ToString();
        }

        public static string Dot(IReadOnlyList<Component> components, IReadOnlyList<GraphResource> resources, IReadOnlyList<IReadOnlyList<string>> stages)
        {
            var text = new StringBuilder("digraph asphalt {\n  rankdir=LR;\n");
            foreach (var component in components)
            {
                text.Append("  \"").Append(DotEscape(component.Path)).Append("\" [shape=box, label=\"").Append(DotEscape(component.Path)).Append("\\n")
                    .Append(DotEscape(component.Type)).Append("\"];\n");
            }

            for (var i = 0; i < resources.Count; i++)
            {
                text.Append("  \"r").Append(Number(i)).Append("\" [shape=").Append(resources[i].IsSignal ? "hexagon" : "ellipse")
                    .Append(", label=\"").Append(DotEscape(Label(resources[i]))).Append("\"];\n");
            }

            foreach (var (parent, child) in ParentEdges(components))
            {
                text.Append("  \"").Append(DotEscape(parent)).Append("\" -> \"").Append(DotEscape(child)).Append("\" [style=dashed, arrowhead=none];\n");
            }

            for (var i = 0; i < resources.Count; i++)
            {
                text.Append("  \"").Append(DotEscape(resources[i].Provider)).Append("\" -> \"r").Append(Number(i)).Append("\";\n");
                foreach (var consumer in resources[i].Consumers)
                {
                    text.Append("  \"r").Append(Number(i)).Append("\" -> \"").Append(DotEscape(consumer)).Append("\";\n");
                }

                foreach (var listener in resources[i].Listeners)
                {
                    text.Append("  \"r").Append(Number(i)).Append("\" -> \"").Append(DotEscape(listener)).Append("\" [style=dotted];\n");
                }
            }

            AppendStartOrder(text, "  //", stages);
            return text.Append("}\n").ToString();
        }

        private static Dictionary<string, string> Ids(IReadOnlyList<Component> components)
        {
            var ids = new Dictionary<string, string>();
            for (var i = 0; i < components.Count; i++)
            {
                ids[components[i].Path] = "c" + Number(i);
            }

            return ids;
        }

        private static IEnumerable<(string Parent, string Child)> ParentEdges(IReadOnlyList<Component> components)
        {
            var paths = new HashSet<string>(components.Select(c => c.Path));
            foreach (var component in components)
            {
                var slash = component.Path.LastIndexOf('/');
                if (slash > 0 && paths.Contains(component.Path.Substring(0, slash)))
                {
                    yield return (component.Path.Substring(0, slash), component.Path);
                }
            }
        }

        private static void AppendStartOrder(StringBuilder text, string comment, IReadOnlyList<IReadOnlyList<string>> stages)
        {
            text.Append(comment).Append(" start order (each stage needs only resources of earlier stages):\n");
            for (var i = 0; i < stages.Count; i++)
            {
                text.Append(comment).Append(' ').Append(Number(i + 1)).Append(". ").Append(string.Join(", ", stages[i])).Append('\n');
            }
        }

        private static string Label(GraphResource resource) => resource.Type + " '" + resource.Name + "'";

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string MermaidEscape(string text) => Escape(text, c => c switch { '"' => "#quot;", '<' => "#lt;", '>' => "#gt;", _ => null });

        private static string DotEscape(string text) => Escape(text, c => c switch { '\\' => "\\\\", '"' => "\\\"", _ => null });

        private static string Escape(string text, System.Func<char, string?> replacement)
        {
            var result = new StringBuilder(text.Length);
            foreach (var c in text)
            {
                if (replacement(c) is { } replaced)
                {
                    result.Append(replaced);
                }
                else
                {
                    result.Append(c);
                }
            }

            return result.ToString();
        }
    }
}
