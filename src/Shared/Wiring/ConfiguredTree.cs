#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>
    /// The one builder of the configured component tree, merged over the tree declared in code
    /// (configuration wins), as Asphalt 5 does:
    /// <list type="bullet">
    /// <item>a component's children are those its type declares in code, then those only its <c>components:</c> key adds;</item>
    /// <item>a child's <c>type:</c> names a registered alias; without it the declared type, else the alias itself;</item>
    /// <item><c>alias/resourceName</c> runs another instance of <c>alias</c> publishing its default resources as
    /// <c>resourceName</c>, at <c>alias_resourceName</c> in the tree;</item>
    /// <item>a child configured with no value (<c>mailer:</c>) keeps what the code declared.</item>
    /// </list>
    /// Every problem is collected, never thrown.
    /// </summary>
    internal sealed class ConfiguredTree
    {
        private readonly Func<string, TreeType?> _findType;
        private readonly IReadOnlyCollection<string> _aliases;

        private ConfiguredTree(Func<string, TreeType?> findType, IReadOnlyCollection<string> aliases)
        {
            _findType = findType;
            _aliases = aliases;
        }

        /// <summary>The root; null when the build cannot tell its type (set only at run time).</summary>
        public TreeNode? Root { get; private set; }

        public List<TreeProblem> Problems { get; } = new List<TreeProblem>();

        /// <summary>Whether part of the tree is unknown (a type known only at run time, or a reported problem): resource checks would guess.</summary>
        public bool IsIncomplete { get; private set; }

        /// <summary>Reads the tree under <paramref name="rootSection"/> (the <c>component:</c> section).</summary>
        /// <param name="rootSection">The root's section.</param>
        /// <param name="rootAlias">The root's name in component paths (<c>app</c>).</param>
        /// <param name="rootType">The root's type alias when the section sets no <c>type:</c>; null when unknown.</param>
        /// <param name="findType">The registered type of an alias, or null.</param>
        /// <param name="aliases">The registered aliases, sorted, for messages.</param>
        public static ConfiguredTree Read(TreeSection rootSection, string rootAlias, string? rootType, Func<string, TreeType?> findType, IReadOnlyCollection<string> aliases)
        {
            var tree = new ConfiguredTree(findType, aliases);
            if (!rootSection.IsMappingOrEmpty)
            {
                tree.Problems.Add(new TreeProblem(TreeProblemKind.Shape, rootSection, TreeMessages.RootNotMapping(rootSection.Describe()), atValue: true));
                tree.IsIncomplete = true;
                return tree;
            }

            if (!tree.TypeOf(rootSection, rootType, out var typeAlias) || typeAlias is null)
            {
                tree.IsIncomplete = true;
                return tree;
            }

            tree.Root = new TreeNode(rootAlias, ChildAlias.Parse(rootAlias), typeAlias, tree.Resolve(typeAlias, rootSection), rootSection);
            ConfiguredBridges.Read(tree.Root, tree.Problems);
            tree.ReadChildren(tree.Root, 0, recursive: true);
            return tree;
        }

        /// <summary>
        /// Reads only the children of one component (generated <c>Create</c>: each child's own factory
        /// reads its children in turn, by this same method).
        /// </summary>
        public static ConfiguredTree ReadChildren(TreeNode parent, Func<string, TreeType?> findType, IReadOnlyCollection<string> aliases)
        {
            var tree = new ConfiguredTree(findType, aliases) { Root = parent };
            tree.ReadChildren(parent, 0, recursive: false);
            return tree;
        }

        private void ReadChildren(TreeNode parent, int depth, bool recursive)
        {
            if (depth > TreeRules.MaxDepth)
            {
                Problems.Add(new TreeProblem(TreeProblemKind.Shape, parent.Section, TreeMessages.TooDeep));
                IsIncomplete = true;
                return;
            }

            var components = parent.Section.Components;
            if (!components.IsMappingOrEmpty)
            {
                Problems.Add(new TreeProblem(TreeProblemKind.Shape, components, TreeMessages.ComponentsNotMapping(components.Describe()), atValue: true));
            }

            var declared = parent.Type?.Children ?? Array.Empty<KeyValuePair<string, string>>();
            var aliases = declared.Select(c => c.Key).ToList();
            if (components.Shape == SectionShape.Mapping)
            {
                aliases.AddRange(components.Keys.Where(key => !aliases.Contains(key, StringComparer.OrdinalIgnoreCase)).ToList());
            }

            foreach (var written in aliases)
            {
                var section = components.Child(written);
                var alias = ChildAlias.Parse(written);
                if (!alias.IsValid)
                {
                    Problems.Add(new TreeProblem(TreeProblemKind.Shape, section, TreeMessages.InvalidChildAlias(written)));
                    continue;
                }

                if (!section.IsMappingOrEmpty)
                {
                    Problems.Add(new TreeProblem(TreeProblemKind.Shape, section, TreeMessages.ChildNotMapping(section.Describe()), atValue: true));
                    IsIncomplete = true;
                    continue;
                }

                var declaredType = declared.FirstOrDefault(c => string.Equals(c.Key, written, StringComparison.OrdinalIgnoreCase)).Value;
                if (!TypeOf(section, declaredType ?? alias.BaseAlias, out var typeAlias) || typeAlias is null)
                {
                    IsIncomplete = true;
                    continue;
                }

                var child = new TreeNode(parent.Path + "/" + alias.TreeAlias, alias, typeAlias, Resolve(typeAlias, section), section);
                if (parent.Children.Exists(c => c.Path == child.Path))
                {
                    Problems.Add(new TreeProblem(TreeProblemKind.Shape, section, TreeMessages.DuplicateChild(parent.Path, alias.TreeAlias)));
                    continue;
                }

                parent.Children.Add(child);
                if (recursive)
                {
                    // The whole tree (build, command line) knows what each type publishes; generated Create reading
                    // one level does not, so there the generated start's bridge starter judges the key.
                    ConfiguredBridges.Read(child, Problems);
                }
                if (recursive)
                {
                    ReadChildren(child, depth + 1, recursive);
                }
            }
        }

        /// <summary>The type alias a section asks for; false when it is known only at run time or malformed.</summary>
        private bool TypeOf(TreeSection section, string? fallback, out string? typeAlias)
        {
            typeAlias = fallback is null ? null : TreeRules.TypeAliasOf(fallback);
            switch (section.TypeValue(out var text))
            {
                case TypeValueKind.Text:
                    typeAlias = TreeRules.TypeAliasOf(text!);
                    return true;
                case TypeValueKind.Unknown:
                    return false;
                case TypeValueKind.Invalid:
                    var typeSection = section.Child(TreeRules.TypeKey);
                    Problems.Add(new TreeProblem(TreeProblemKind.Shape, typeSection, TreeMessages.TypeNotScalar(typeSection.Describe()), atValue: true));
                    return false;
                default:
                    return true;
            }
        }

        private TreeType? Resolve(string typeAlias, TreeSection section)
        {
            if (_findType(typeAlias) is { } type)
            {
                return type;
            }

            // Located at the 'type' value when one is written, else at the component's key.
            var written = section.TypeValue(out _) == TypeValueKind.Text;
            var at = written ? section.Child(TreeRules.TypeKey) : section;
            Problems.Add(new TreeProblem(TreeProblemKind.UnknownType, at, TreeMessages.UnknownType(typeAlias, _aliases), atValue: written));
            IsIncomplete = true;
            return null;
        }
    }
}
