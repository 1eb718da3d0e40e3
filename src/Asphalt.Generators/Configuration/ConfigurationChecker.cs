using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// Checks one configuration file against the component types the build knows, as the runtime's
    /// <c>check</c> would: once per service the file defines (each merged over the top level), the
    /// tree it configures merged over the tree declared in code. Values known only at run time
    /// (<c>${env:…}</c>, <c>${file:…}</c>, <c>!Env</c>, <c>!TextFile</c>) are not judged.
    /// </summary>
    internal sealed partial class ConfigurationChecker
    {
        private const string ComponentKey = "component";
        private const string ServicesKey = "services";
        private const string TypeKey = "type";
        private const string ComponentsKey = "components";
        private const string DefaultName = "default";
        private const int MaxDepth = 32;

        private static readonly string[] TopLevelKeys = { ComponentKey, "logging", "startTimeout", "stopTimeout" };
        private static readonly string[] LogLevels = { "Trace", "Debug", "Information", "Warning", "Error", "Critical", "None" };

        private readonly ConfigurationSchema _schema;
        private readonly string? _rootType;
        private readonly List<ConfigurationProblem> _problems = new();
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);

        private ConfigurationChecker(ConfigurationSchema schema, string? rootType)
        {
            _schema = schema;
            _rootType = rootType;
        }

        /// <summary>Every problem of <paramref name="text"/>; never throws for bad input.</summary>
        /// <param name="text">The file's text.</param>
        /// <param name="schema">The component types.</param>
        /// <param name="rootType">The root's type alias when the file sets no <c>component.type</c>; null: the schema's default.</param>
        public static IReadOnlyList<ConfigurationProblem> Check(string text, ConfigurationSchema schema, string? rootType)
        {
            var checker = new ConfigurationChecker(schema, string.IsNullOrWhiteSpace(rootType) ? schema.DefaultRoot : rootType!.Trim());
            YamlNode? root;
            try
            {
                root = YamlParser.Parse(text);
            }
            catch (YamlException failure)
            {
                checker.Report(DiagnosticDescriptors.ConfigurationSyntax, failure.Position, failure.Position + 1, failure.Message);
                return checker._problems;
            }

            switch (root)
            {
                case null:
                case YamlScalar { Value: null }:
                    break;
                case YamlMapping mapping:
                    checker.CheckFile(mapping);
                    break;
                default:
                    checker.Report(DiagnosticDescriptors.ConfigurationSyntax, root.Start, root.End,
                        "the top level must be a mapping of keys to values, not " + root.Describe());
                    break;
            }

            return checker._problems;
        }

        private void Report(DiagnosticDescriptor descriptor, int start, int end, params object[] arguments)
        {
            var problem = new ConfigurationProblem(descriptor, start, end, arguments);
            if (_reported.Add(problem.Identity))
            {
                _problems.Add(problem);
            }
        }

        private void ReportAtKey(DiagnosticDescriptor descriptor, YamlEntry entry, params object[] arguments) =>
            Report(descriptor, entry.KeyStart, entry.KeyEnd, arguments);

        private void ReportAt(DiagnosticDescriptor descriptor, YamlNode node, params object[] arguments) =>
            Report(descriptor, node.Start, Math.Max(node.End, node.Start), arguments);

        /// <summary>Services as the runtime selects them: each one merged over the top level, plus the top level alone when it is the implicit default.</summary>
        private void CheckFile(YamlMapping file)
        {
            var servicesEntry = file.Find(ServicesKey);
            var top = new YamlMapping(file.Start, file.End, file.Entries.Where(e => e != servicesEntry).ToList());
            if (servicesEntry is null)
            {
                CheckEffective(top);
                return;
            }

            var services = servicesEntry.Value switch
            {
                YamlMapping mapping => mapping,
                YamlScalar { Value: null } => new YamlMapping(servicesEntry.KeyStart, servicesEntry.KeyEnd, new List<YamlEntry>()),
                _ => null,
            };
            if (services is null)
            {
                ReportAt(DiagnosticDescriptors.ConfigurationSyntax, servicesEntry.Value,
                    "the \"services\" key must be a mapping of service names to configurations, not " + servicesEntry.Value.Describe());
                return;
            }

            var implicitDefault = services.Find(DefaultName) is null && top.Find(ComponentKey) is not null;
            if (services.Entries.Count == 0 && !implicitDefault)
            {
                ReportAtKey(DiagnosticDescriptors.ConfigurationSyntax, servicesEntry, "no services have been defined (define at least one, or remove the key)");
                return;
            }

            if (implicitDefault)
            {
                CheckEffective(top);
            }

            foreach (var service in services.Entries)
            {
                switch (service.Value)
                {
                    case YamlMapping mapping:
                        CheckEffective(Merge(top, mapping));
                        break;
                    case YamlScalar { Value: null }:
                        CheckEffective(top);
                        break;
                    default:
                        ReportAt(DiagnosticDescriptors.ConfigurationSyntax, service.Value,
                            $"service '{service.Key}': a service's configuration must be a mapping, not {service.Value.Describe()}");
                        break;
                }
            }
        }

        /// <summary>Asphalt's merge: mappings merge key by key, anything else is replaced; an empty value over a mapping changes nothing.</summary>
        private static YamlMapping Merge(YamlMapping target, YamlMapping overrides)
        {
            var entries = new List<YamlEntry>(target.Entries);
            foreach (var entry in overrides.Entries)
            {
                var index = entries.FindIndex(e => string.Equals(e.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
                if (index < 0)
                {
                    entries.Add(entry);
                }
                else if (entries[index].Value is YamlMapping existing && entry.Value is YamlMapping nested)
                {
                    entries[index] = new YamlEntry(entries[index].Key, entries[index].KeyStart, entries[index].KeyEnd, Merge(existing, nested));
                }
                else if (entries[index].Value is YamlMapping && entry.Value is YamlScalar { Value: null, Tag: null })
                {
                    // Nothing to override.
                }
                else
                {
                    entries[index] = entry;
                }
            }

            return new YamlMapping(target.Start, target.End, entries);
        }

        private void CheckEffective(YamlMapping top)
        {
            foreach (var entry in top.Entries)
            {
                if (!TopLevelKeys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                {
                    ReportAtKey(DiagnosticDescriptors.InvalidConfigurationShape, entry, entry.Key,
                        $"unknown top-level key; the known keys are {string.Join(", ", TopLevelKeys)} (component options go under 'component:'){NearMatch.DidYouMean(entry.Key, TopLevelKeys)}");
                }
            }

            CheckSeconds(top.Find("startTimeout"));
            CheckSeconds(top.Find("stopTimeout"));
            CheckLogging(top.Find("logging"));
            if (top.Find(ComponentKey) is { } component)
            {
                CheckTree(component);
            }
        }

        private void CheckSeconds(YamlEntry? entry)
        {
            if (entry is null || entry.Value is YamlScalar { Value: null } || entry.Value is YamlScalar { IsSubstituted: true })
            {
                return;
            }

            if (entry.Value is YamlScalar { Value: { } text }
                && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                && seconds >= 0 && !double.IsInfinity(seconds) && !double.IsNaN(seconds))
            {
                return;
            }

            ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, entry.Value, entry.Key,
                $"{entry.Value.Describe()} is not a number of seconds (0 means no limit)");
        }

        private void CheckLogging(YamlEntry? entry)
        {
            if (entry is null)
            {
                return;
            }

            if (entry.Value is not YamlMapping logging)
            {
                if (entry.Value is not YamlScalar { Value: null })
                {
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, entry.Value, entry.Key,
                        $"'logging' must be a mapping such as 'logging: {{level: Debug}}', not {entry.Value.Describe()}");
                }

                return;
            }

            foreach (var setting in logging.Entries)
            {
                var path = entry.Key + "." + setting.Key;
                if (!string.Equals(setting.Key, "level", StringComparison.OrdinalIgnoreCase))
                {
                    ReportAtKey(DiagnosticDescriptors.InvalidConfigurationShape, setting, path, "unknown logging setting: the only one is 'level'");
                }
                else if (setting.Value is not YamlScalar { Value: null } && setting.Value is not YamlScalar { IsSubstituted: true }
                    && !(setting.Value is YamlScalar { Value: { } level } && LogLevels.Contains(level.Trim(), StringComparer.OrdinalIgnoreCase)))
                {
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, setting.Value, path,
                        $"{setting.Value.Describe()} is not a log level: use {string.Join(", ", LogLevels.Take(6))} or None");
                }
            }
        }

        private void CheckTree(YamlEntry component)
        {
            YamlMapping? section;
            switch (component.Value)
            {
                case YamlMapping mapping:
                    section = mapping;
                    break;
                case YamlScalar { Value: null }:
                    section = null;
                    break;
                default:
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, component.Value, component.Key,
                        $"the root component's configuration must be a mapping of options, not {component.Value.Describe()}");
                    return;
            }

            var typeEntry = section?.Find(TypeKey);
            if (!TypeOf(typeEntry, component.Key, _rootType, out var typeAlias) || typeAlias is null)
            {
                return; // Set only at run time, or the build cannot tell the root type: nothing to check against.
            }

            var opaque = false;
            var schema = Resolve(typeAlias, component.Key, typeEntry, component, ref opaque);
            var root = new ConfiguredNode("app", "app", typeAlias, schema, DefaultName, section, component.Key, component.KeyStart, component.KeyEnd);
            ReadChildren(root, 0, ref opaque);
            foreach (var node in root.DescendantsAndSelf())
            {
                CheckOptions(node);
            }

            if (!opaque)
            {
                CheckResources(root);
            }
        }

        /// <summary>The type alias a section asks for; false when it is known only at run time.</summary>
        private bool TypeOf(YamlEntry? typeEntry, string keyPath, string? fallback, out string? typeAlias)
        {
            typeAlias = fallback;
            if (typeEntry is null)
            {
                return true;
            }

            switch (typeEntry.Value)
            {
                case YamlScalar { IsSubstituted: true }:
                    return false;
                case YamlScalar { Value: { } text }:
                    typeAlias = text;
                    return true;
                case YamlScalar:
                    return true;
                default:
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, typeEntry.Value, keyPath + "." + typeEntry.Key,
                        $"'type' must name a component type alias, not {typeEntry.Value.Describe()}");
                    return false;
            }
        }

        private ComponentSchema? Resolve(string typeAlias, string keyPath, YamlEntry? typeEntry, YamlEntry? owner, ref bool opaque)
        {
            var slash = typeAlias.IndexOf('/');
            if (slash >= 0)
            {
                typeAlias = typeAlias.Substring(0, slash); // Asphalt: only the part before '/' names the type.
            }

            if (_schema.ByAlias.TryGetValue(typeAlias, out var schema))
            {
                return schema;
            }

            opaque = true;
            var hint = NearMatch.DidYouMean(typeAlias, _schema.Aliases);
            var aliases = _schema.Aliases.Count == 0 ? "(none)" : string.Join(", ", _schema.Aliases);
            if (typeEntry is not null && typeEntry.Value is YamlScalar { Value: not null })
            {
                ReportAt(DiagnosticDescriptors.UnknownComponentType, typeEntry.Value, keyPath + "." + typeEntry.Key, typeAlias, hint, aliases);
            }
            else if (owner is not null)
            {
                ReportAtKey(DiagnosticDescriptors.UnknownComponentType, owner, keyPath, typeAlias, hint, aliases);
            }

            return null;
        }

        private void ReadChildren(ConfiguredNode parent, int depth, ref bool opaque)
        {
            if (depth > MaxDepth)
            {
                Report(DiagnosticDescriptors.InvalidConfigurationShape, parent.Start, parent.End, parent.KeyPath,
                    "the component tree is more than 32 levels deep: a component type probably declares itself as its own descendant");
                opaque = true;
                return;
            }

            var componentsEntry = parent.Section?.Find(ComponentsKey);
            YamlMapping? configured = null;
            if (componentsEntry is not null)
            {
                if (componentsEntry.Value is YamlMapping mapping)
                {
                    configured = mapping;
                }
                else if (componentsEntry.Value is not YamlScalar { Value: null })
                {
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, componentsEntry.Value, parent.KeyPath + "." + componentsEntry.Key,
                        $"'components' must be a mapping of child aliases to their configuration, not {componentsEntry.Value.Describe()}");
                }
            }

            // Code first, in declaration order; then the children only configuration adds.
            var aliases = new List<string>();
            foreach (var child in parent.Schema?.Entry.Children ?? default)
            {
                aliases.Add(child.Alias);
            }

            foreach (var entry in configured?.Entries ?? new List<YamlEntry>())
            {
                if (!aliases.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                {
                    aliases.Add(entry.Key);
                }
            }

            var componentsPath = parent.KeyPath + "." + (componentsEntry?.Key ?? ComponentsKey);
            foreach (var alias in aliases)
            {
                var entry = configured?.Find(alias);
                var keyPath = componentsPath + "." + (entry?.Key ?? alias);
                var slash = alias.IndexOf('/');
                var baseAlias = slash < 0 ? alias : alias.Substring(0, slash);
                var resourceName = slash < 0 ? DefaultName : alias.Substring(slash + 1);
                if (!IsIdentifier(baseAlias) || !IsIdentifier(resourceName))
                {
                    if (entry is not null)
                    {
                        ReportAtKey(DiagnosticDescriptors.InvalidConfigurationShape, entry, keyPath,
                            $"'{alias}' is not a valid child alias: use an identifier (letters, digits, '_'), or 'alias/resourceName' to publish a second instance's resources under another name");
                    }

                    continue;
                }

                YamlMapping? section = null;
                if (entry is not null)
                {
                    if (entry.Value is YamlMapping mapping)
                    {
                        section = mapping;
                    }
                    else if (entry.Value is not YamlScalar { Value: null })
                    {
                        ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, entry.Value, keyPath,
                            $"a component's configuration must be a mapping of options or empty, not {entry.Value.Describe()}");
                        opaque = true;
                        continue;
                    }
                }

                var declared = parent.Schema?.Entry.Children.FirstOrDefault(c => string.Equals(c.Alias, alias, StringComparison.OrdinalIgnoreCase))?.TypeAlias;
                var typeEntry = section?.Find(TypeKey);
                if (!TypeOf(typeEntry, keyPath, declared ?? baseAlias, out var typeAlias) || typeAlias is null)
                {
                    opaque = true;
                    continue;
                }

                var schema = Resolve(typeAlias, keyPath, typeEntry, entry, ref opaque);
                var start = entry?.KeyStart ?? parent.Start;
                var end = entry?.KeyEnd ?? parent.End;
                var child = new ConfiguredNode(parent.Path + "/" + alias.Replace('/', '_'), alias, typeAlias, schema, resourceName, section, keyPath, start, end);
                if (parent.Children.Exists(c => c.Path == child.Path))
                {
                    Report(DiagnosticDescriptors.InvalidConfigurationShape, start, end, keyPath,
                        $"two children of '{parent.Path}' would both be named '{child.Path.Substring(parent.Path.Length + 1)}'; rename one");
                    continue;
                }

                parent.Children.Add(child);
                ReadChildren(child, depth + 1, ref opaque);
            }
        }

        private static bool IsIdentifier(string name) => name.Length > 0 && name.All(c => char.IsLetterOrDigit(c) || c == '_');

        /// <summary>
        /// The resource graph of the configured tree, as the runtime's <c>ResourceGraph</c> builds it;
        /// reports only what the tree declared in code does not already have (ASPH0001/0002 cover that).
        /// </summary>
        private void CheckResources(ConfiguredNode root)
        {
            var configured = ConfiguredResources.Analyze(root);
            var declaredRoot = new ConfiguredNode("app", "app", root.TypeAlias, root.Schema, DefaultName, null, root.KeyPath, root.Start, root.End);
            var declaredOpaque = false;
            ReadChildren(declaredRoot, 0, ref declaredOpaque);
            var declared = ConfiguredResources.Analyze(declaredRoot);
            var declaredMissing = new HashSet<string>(declared.Missing.Select(m => m.Node.Path + "|" + m.Resource.Type + "|" + m.Name), StringComparer.Ordinal);
            var declaredConflicts = new HashSet<string>(declared.Conflicts.Select(c => c.Second.Path + "|" + c.Type + "|" + c.Name), StringComparer.Ordinal);

            foreach (var (second, first, type, name) in configured.Conflicts)
            {
                if (!declaredConflicts.Contains(second.Path + "|" + type + "|" + name))
                {
                    Report(DiagnosticDescriptors.ConfiguredResourceConflict, second.Start, second.End, type, name, first.Path, second.Path, second.Alias.Split('/')[0]);
                }
            }

            foreach (var (node, resource, name) in configured.Missing)
            {
                if (declaredMissing.Contains(node.Path + "|" + resource.Type + "|" + name))
                {
                    continue;
                }

                var others = configured.Published.Keys.Where(k => k.Type == resource.Type).Select(k => $"'{k.Name}'").ToList();
                var hint = others.Count > 0
                    ? $"; {resource.Type} is published as {string.Join(", ", others)}"
                    : "; add a component that publishes it under 'components:'";
                Report(DiagnosticDescriptors.ConfiguredResourceMissing, node.Start, node.End, node.Path, node.Schema!.TypeName, resource.Type, name, hint);
            }
        }
    }
}
