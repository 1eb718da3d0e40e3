using System;
using System.Collections.Generic;
using System.Linq;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Asphalt.Trees;
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
        private const string ComponentKey = TreeRules.ComponentKey;
        private const string ServicesKey = "services";
        private const string TypeKey = TreeRules.TypeKey;
        private const string ComponentsKey = TreeRules.ComponentsKey;
        private const string DefaultName = TreeRules.DefaultName;
        private static readonly string[] LogLevels = { "Trace", "Debug", "Information", "Warning", "Error", "Critical", "None" };

        private readonly ConfigurationSchema _schema;
        private readonly string? _rootType;
        private readonly List<ConfigurationProblem> _problems = new();
        private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
        private readonly string _text;

        private ConfigurationChecker(string text, ConfigurationSchema schema, string? rootType)
        {
            _text = text;
            _schema = schema;
            _rootType = rootType;
        }

        /// <summary>Every problem of <paramref name="text"/>; never throws for bad input.</summary>
        /// <param name="text">The file's text.</param>
        /// <param name="schema">The component types.</param>
        /// <param name="rootType">The root's type alias when the file sets no <c>component.type</c>; null: the schema's default.</param>
        public static IReadOnlyList<ConfigurationProblem> Check(string text, ConfigurationSchema schema, string? rootType)
        {
            var checker = new ConfigurationChecker(text, schema, string.IsNullOrWhiteSpace(rootType) ? schema.DefaultRoot : rootType!.Trim());
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
                    ConfigurationText.ServicesNotMapping(servicesEntry.Value.Describe()));
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
                if (!TreeRules.TopLevelKeys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                {
                    ReportAtKey(DiagnosticDescriptors.InvalidConfigurationShape, entry, entry.Key, TreeMessages.UnknownTopLevelKey(entry.Key));
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

            if (entry.Value is YamlScalar { Value: { } text } && ConfigurationText.TryParseSeconds(text, out _))
            {
                return;
            }

            ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, entry.Value, entry.Key,
                ConfigurationText.NotSeconds(entry.Value.Describe()));
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
                        ConfigurationText.LoggingNotMapping(entry.Value.Describe()));
                }

                return;
            }

            foreach (var setting in logging.Entries)
            {
                var path = entry.Key + "." + setting.Key;
                if (!string.Equals(setting.Key, "level", StringComparison.OrdinalIgnoreCase))
                {
                    ReportAtKey(DiagnosticDescriptors.InvalidConfigurationShape, setting, path, ConfigurationText.UnknownLoggingSetting);
                }
                else if (setting.Value is not YamlScalar { Value: null } && setting.Value is not YamlScalar { IsSubstituted: true }
                    && !(setting.Value is YamlScalar { Value: { } level } && LogLevels.Contains(level.Trim(), StringComparer.OrdinalIgnoreCase)))
                {
                    ReportAt(DiagnosticDescriptors.InvalidConfigurationShape, setting.Value, path,
                        ConfigurationText.NotALogLevel(setting.Value.Describe()));
                }
            }
        }

        /// <summary>The tree under <c>component:</c>, read by the builder the runtime and generated <c>Create</c> share.</summary>
        private void CheckTree(YamlEntry component)
        {
            var section = new YamlTreeSection(component.Value, component.Key, component.KeyStart, component.KeyEnd);
            var tree = ReadTree(section);
            Report(tree.Problems);
            if (tree.Root is null)
            {
                return; // Set only at run time, or the build cannot tell the root type: nothing to check against.
            }

            foreach (var node in tree.Root.DescendantsAndSelf())
            {
                CheckOptions(node);
            }

            if (!tree.IsIncomplete)
            {
                CheckResources(tree.Root, section);
            }
        }

        // A block list or mapping starts on the lines below its key: the span then starts at the key, the line the run reports.
        private bool StartsBelowItsKey(YamlTreeSection section) =>
            section.ValueStart > section.KeyEnd && _text.IndexOf('\n', section.KeyEnd, section.ValueStart - section.KeyEnd) >= 0;

        private ConfiguredTree ReadTree(YamlTreeSection root) =>
            ConfiguredTree.Read(root, TreeRules.RootAlias, _rootType, alias => _schema.ByAlias.TryGetValue(alias, out var schema) ? schema.Tree : null, _schema.Aliases);

        private void Report(IEnumerable<TreeProblem> problems)
        {
            foreach (var problem in problems)
            {
                var at = (YamlTreeSection)problem.At;
                var (start, end) = problem.AtValue ? (StartsBelowItsKey(at) ? at.KeyStart : at.ValueStart, at.ValueEnd) : (at.KeyStart, at.KeyEnd);
                switch (problem.Kind)
                {
                    case TreeProblemKind.Shape:
                        Report(DiagnosticDescriptors.InvalidConfigurationShape, start, end, problem.KeyPath, problem.Message);
                        break;
                    case TreeProblemKind.UnknownType:
                        Report(DiagnosticDescriptors.UnknownComponentType, start, end, problem.KeyPath, problem.Message);
                        break;
                    case TreeProblemKind.Conflict:
                        Report(DiagnosticDescriptors.ConfiguredResourceConflict, start, end, problem.Message);
                        break;
                    case TreeProblemKind.Missing:
                        Report(DiagnosticDescriptors.ConfiguredResourceMissing, start, end, problem.Message);
                        break;
                    case TreeProblemKind.BridgeWithoutJsonMetadata:
                        Report(DiagnosticDescriptors.BridgedEventWithoutJsonMetadata, start, end, problem.Arguments);
                        break;
                    case TreeProblemKind.Cycle:
                        // A cycle the code's tree does not have (that one is ASPH0003 at the code): configuration added it.
                        Report(DiagnosticDescriptors.DependencyCycle, start, end, _rootType ?? TreeRules.RootAlias, problem.Message);
                        break;
                    default:
                        break;
                }
            }
        }

        /// <summary>
        /// The resource graph of the configured tree, as the runtime builds it; reports only what the tree
        /// declared in code does not already have (ASPH0001/0002 cover that).
        /// </summary>
        private void CheckResources(TreeNode root, YamlTreeSection rootSection)
        {
            var configured = new List<TreeProblem>();
            TreeGraph.Analyze(root, configured);
            var declaredTree = ReadTree(new YamlTreeSection(null, rootSection.KeyPath, rootSection.KeyStart, rootSection.KeyEnd));
            var declared = new List<TreeProblem>();
            if (declaredTree.Root is not null)
            {
                TreeGraph.Analyze(declaredTree.Root, declared);
            }

            var known = new HashSet<string>(declared.Select(Identity), StringComparer.Ordinal);
            Report(configured.Where(p => p.Kind is TreeProblemKind.Conflict or TreeProblemKind.Missing or TreeProblemKind.Cycle && !known.Contains(Identity(p))));

            static string Identity(TreeProblem problem) => problem.Kind + "|" + problem.Node?.Path + "|" + problem.Subject;
        }
    }
}
