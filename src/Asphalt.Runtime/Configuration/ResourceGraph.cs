using System.Text;

namespace Asphalt.Configuration;

/// <summary>
/// The resource graph of a configured tree: who publishes and who takes each resource, missing
/// and doubly published resources, cycles, the start order, and the graph as Mermaid and DOT.
/// </summary>
internal static class ResourceGraph
{
    private sealed record Published(ResourceDeclaration Declaration, string Name, ConfiguredComponent Provider);

    public static WiringPlan Analyze(ConfiguredComponent root, LoadedConfiguration configuration, List<ConfigurationError> errors)
    {
        var components = root.DescendantsAndSelf().ToList();
        var published = new Dictionary<(string Type, string Name), Published>();
        foreach (var component in components)
        {
            foreach (var declaration in component.Type?.Provides ?? [])
            {
                var name = declaration.Name == ResourceKey.DefaultName ? component.ResourceName : declaration.Name;
                var entry = new Published(declaration, name, component);
                if (!published.TryAdd((declaration.Type, name), entry))
                {
                    var first = published[(declaration.Type, name)].Provider;
                    errors.Add(configuration.ErrorAt(component.Section.Path,
                        $"resource {declaration.Type} '{name}' is published by both '{first.Path}' and '{component.Path}': configure one of them as '{component.Alias.Split('/')[0]}/otherName' to publish under another name"));
                }
            }
        }

        var consumers = new Dictionary<(string Type, string Name), List<string>>();
        var dependsOn = components.ToDictionary(c => c, _ => new HashSet<ConfiguredComponent>());
        foreach (var component in components)
        {
            foreach (var declaration in component.Type?.Consumes ?? [])
            {
                var name = declaration.NameOption is { } option && component.Section[option] is { Length: > 0 } configured ? configured : declaration.Name;
                var key = (declaration.Type, name);
                if (!consumers.TryGetValue(key, out var list))
                {
                    consumers[key] = list = [];
                }

                list.Add(component.Path);
                if (published.TryGetValue(key, out var provider))
                {
                    if (provider.Provider != component)
                    {
                        dependsOn[component].Add(provider.Provider);
                    }
                }
                else if (!declaration.IsOptional && component.Type is not null)
                {
                    var others = published.Keys.Where(k => k.Type == declaration.Type).Select(k => $"'{k.Name}'").ToList();
                    var hint = others.Count > 0
                        ? $"; {declaration.Type} is published as {string.Join(", ", others)}"
                        : $"; add a component that publishes it under 'components:'";
                    errors.Add(configuration.ErrorAt(component.Section.Path,
                        $"component '{component.Path}' ({component.Type.TypeName}) takes resource {declaration.Type} '{name}', which no component in the configured tree publishes{hint}"));
                }
            }
        }

        var stages = StartStages(components, dependsOn, out var cyclic);
        if (cyclic.Count > 0)
        {
            errors.Add(configuration.ErrorAt(cyclic[0].Section.Path,
                $"components wait for each other's resources and would never start: {string.Join(" ⟶ ", cyclic.Select(c => c.Path))}; publish one of the resources earlier (in PrepareAsync) or break the cycle"));
        }

        var resources = published.Values
            .OrderBy(p => p.Declaration.Type, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => new WiringResource(p.Declaration.Type, p.Name, p.Provider.Path,
                consumers.TryGetValue((p.Declaration.Type, p.Name), out var c) ? c : [], p.Declaration.IsSignal))
            .ToList();
        var wiringComponents = components.Select(c => new WiringComponent(c.Path, c.Type?.TypeName ?? c.TypeAlias)).ToList();
        var rootType = root.Type?.TypeName ?? root.TypeAlias;
        return new WiringPlan(rootType, wiringComponents, resources, stages,
            Mermaid(components, resources, stages), Dot(components, resources, stages));
    }

    private static List<IReadOnlyList<string>> StartStages(
        List<ConfiguredComponent> components, Dictionary<ConfiguredComponent, HashSet<ConfiguredComponent>> dependsOn, out List<ConfiguredComponent> cyclic)
    {
        var stages = new List<IReadOnlyList<string>>();
        var done = new HashSet<ConfiguredComponent>();
        while (done.Count < components.Count)
        {
            var ready = components.Where(c => !done.Contains(c) && dependsOn[c].All(done.Contains)).ToList();
            if (ready.Count == 0)
            {
                cyclic = components.Where(c => !done.Contains(c)).ToList();
                return stages;
            }

            stages.Add([.. ready.Select(c => c.Path)]);
            done.UnionWith(ready);
        }

        cyclic = [];
        return stages;
    }

    private static string Mermaid(List<ConfiguredComponent> components, List<WiringResource> resources, List<IReadOnlyList<string>> stages)
    {
        var ids = components.Select((c, i) => (c.Path, Id: "c" + i)).ToDictionary(p => p.Path, p => p.Id);
        var text = new StringBuilder("flowchart LR\n");
        foreach (var component in components)
        {
            text.Append($"  {ids[component.Path]}[\"{Escape(component.Path)}<br/><small>{Escape(component.Type?.TypeName ?? component.TypeAlias)}</small>\"]\n");
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            var label = Escape($"{resource.Type} '{resource.Name}'");
            text.Append(resource.IsSignal ? $"  r{i}{{{{\"{label}\"}}}}\n" : $"  r{i}([\"{label}\"])\n");
        }

        foreach (var component in components)
        {
            foreach (var child in component.Children)
            {
                text.Append($"  {ids[component.Path]} -.- {ids[child.Path]}\n");
            }
        }

        for (var i = 0; i < resources.Count; i++)
        {
            text.Append($"  {ids[resources[i].Provider]} --> r{i}\n");
            foreach (var consumer in resources[i].Consumers)
            {
                text.Append($"  r{i} --> {ids[consumer]}\n");
            }
        }

        AppendStartOrder(text, "%%", stages);
        return text.ToString();
    }

    private static string Dot(List<ConfiguredComponent> components, List<WiringResource> resources, List<IReadOnlyList<string>> stages)
    {
        var text = new StringBuilder("digraph asphalt {\n  rankdir=LR;\n");
        foreach (var component in components)
        {
            text.Append($"  \"{DotEscape(component.Path)}\" [shape=box, label=\"{DotEscape(component.Path)}\\n{DotEscape(component.Type?.TypeName ?? component.TypeAlias)}\"];\n");
        }

        for (var i = 0; i < resources.Count; i++)
        {
            var resource = resources[i];
            text.Append($"  \"r{i}\" [shape={(resource.IsSignal ? "hexagon" : "ellipse")}, label=\"{DotEscape($"{resource.Type} '{resource.Name}'")}\"];\n");
        }

        foreach (var component in components)
        {
            foreach (var child in component.Children)
            {
                text.Append($"  \"{DotEscape(component.Path)}\" -> \"{DotEscape(child.Path)}\" [style=dashed, arrowhead=none];\n");
            }
        }

        for (var i = 0; i < resources.Count; i++)
        {
            text.Append($"  \"{DotEscape(resources[i].Provider)}\" -> \"r{i}\";\n");
            foreach (var consumer in resources[i].Consumers)
            {
                text.Append($"  \"r{i}\" -> \"{DotEscape(consumer)}\";\n");
            }
        }

        AppendStartOrder(text, "  //", stages);
        return text.Append("}\n").ToString();
    }

    private static void AppendStartOrder(StringBuilder text, string comment, List<IReadOnlyList<string>> stages)
    {
        text.Append(comment).Append(" start order (each stage needs only resources of earlier stages):\n");
        for (var i = 0; i < stages.Count; i++)
        {
            text.Append(comment).Append(' ').Append(i + 1).Append(". ").Append(string.Join(", ", stages[i])).Append('\n');
        }
    }

    private static string Escape(string text) => text.Replace("\"", "#quot;", StringComparison.Ordinal).Replace("<", "#lt;", StringComparison.Ordinal).Replace(">", "#gt;", StringComparison.Ordinal);

    private static string DotEscape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
