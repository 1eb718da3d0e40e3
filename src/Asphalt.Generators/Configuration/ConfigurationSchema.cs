using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Models;
using Asphalt.Generators.Wiring;
using Asphalt.Trees;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// What configuration may say, from the generator's own models: the registered component types
    /// by alias, each with its options, declared children and resources. The same registry the
    /// generated <c>ComponentRegistry.CreateTypes()</c> hands to the runtime, so build-time and
    /// run-time checks judge a file alike.
    /// </summary>
    internal sealed class ConfigurationSchema
    {
        private ConfigurationSchema(Dictionary<string, ComponentSchema> byAlias, string? defaultRoot)
        {
            ByAlias = byAlias;
            Aliases = byAlias.Keys.OrderBy(a => a, StringComparer.Ordinal).ToList();
            DefaultRoot = defaultRoot;
        }

        /// <summary>Component types by alias; exact case, as the runtime's <c>ComponentTypes.TryGet</c>.</summary>
        public Dictionary<string, ComponentSchema> ByAlias { get; }

        public IReadOnlyList<string> Aliases { get; }

        /// <summary>The root type when a file names none: the one tree the generator writes a <c>Definition</c> for, if exactly one.</summary>
        public string? DefaultRoot { get; }

        public static ConfigurationSchema From(IEnumerable<ComponentModel> components, CancellationToken cancellationToken)
        {
            var models = components.ToList();
            var wiring = WiringPlanner.Plan(models, null, cancellationToken);
            var byType = new Dictionary<string, ComponentModel>(StringComparer.Ordinal);
            foreach (var model in models.Where(m => !m.HasErrors))
            {
                byType[model.Type.FullName] = model;
            }

            var byAlias = new Dictionary<string, ComponentSchema>(StringComparer.Ordinal);
            foreach (var entry in wiring.Registry)
            {
                if (byType.TryGetValue(entry.Type.FullName, out var model) || entry.IsHandWritten)
                {
                    byAlias[entry.Alias] = new ComponentSchema(entry, model);
                }
            }

            var roots = wiring.Trees
                .Select(t => wiring.Registry.FirstOrDefault(e => e.Type.FullName == t.RootType.FullName)?.Alias)
                .Where(a => a is not null)
                .ToList();
            return new ConfigurationSchema(byAlias, roots.Count == 1 ? roots[0] : null);
        }
    }

    /// <summary>One registered component type as configuration sees it.</summary>
    internal sealed class ComponentSchema
    {
        /// <param name="entry">The registry's entry.</param>
        /// <param name="model">The component's model; null for a hand-written component (no options).</param>
        public ComponentSchema(RegistryEntry entry, ComponentModel? model)
        {
            Entry = entry;
            TypeName = Asphalt.Trees.GraphNames.Type(entry.Type.FullName);

            // A constructor taking IConfiguration reads the section itself: any key may be meant for it.
            AcceptsAnyKey = model?.Constructor.Any(a => a.Kind == ConstructorArgumentKind.Configuration) ?? false;
            var options = model?.Constructor.FirstOrDefault(a => a.IsOptions);
            OptionsByMethod = model?.Options.ToDictionary(o => o.BindMethod, o => o, StringComparer.Ordinal) ?? new Dictionary<string, OptionsType>(StringComparer.Ordinal);
            Tree = new TreeType(
                entry.Alias,
                TypeName,
                entry.Children.Select(c => new KeyValuePair<string, string>(c.Alias, c.TypeAlias)).ToList(),
                entry.Provides.Select(r => r.ToTree()).ToList(),
                entry.Consumes.Select(r => r.ToTree()).ToList(),
                this);
            Options = options?.BindMethod is { } method && OptionsByMethod.TryGetValue(method, out var type) ? type : null;
        }

        public RegistryEntry Entry { get; }

        /// <summary>The type as the shared tree builder sees it.</summary>
        public TreeType Tree { get; }

        public string Alias => Entry.Alias;

        /// <summary>The full type name, as the runtime's messages show it.</summary>
        public string TypeName { get; }

        public bool AcceptsAnyKey { get; }

        /// <summary>The options type bound from the component's section, or null when it takes none.</summary>
        public OptionsType? Options { get; }

        /// <summary>Nested options types by their bind method (how <see cref="ValueModel.BindMethod"/> names them).</summary>
        public Dictionary<string, OptionsType> OptionsByMethod { get; }
    }
}
