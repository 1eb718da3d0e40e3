#nullable enable
using System.Collections.Generic;

namespace Asphalt.Trees
{
    /// <summary>What a section's value is.</summary>
    internal enum SectionShape
    {
        /// <summary>Absent, no value (<c>mailer:</c>) or an empty string (<c>mailer: ""</c>): all defaults.</summary>
        Empty,
        Mapping,
        List,

        /// <summary>A single non-empty value.</summary>
        Scalar,
    }

    /// <summary>What a <c>type:</c> key (or another key holding one piece of text) says.</summary>
    internal enum TypeValueKind
    {
        /// <summary>No <c>type:</c> (or an empty one): the declared type, else the alias.</summary>
        Absent,

        /// <summary>A type alias.</summary>
        Text,

        /// <summary>Known only at run time (<c>${env:…}</c>); the build cannot judge the subtree.</summary>
        Unknown,

        /// <summary>Not a scalar: a shape error.</summary>
        Invalid,
    }

    /// <summary>
    /// A component's configuration section as the tree builder reads it: its shape, its <c>type:</c>,
    /// its <c>components:</c>. The Runtime adapts <c>IConfigurationSection</c>, the build its YAML nodes.
    /// </summary>
    internal abstract class TreeSection
    {
        /// <summary>The dotted key path as errors show it (<c>component.components.mailer</c>).</summary>
        public abstract string KeyPath { get; }

        /// <summary>
        /// The value's shape; the Runtime and the build each tell it from their own view of the file, with one
        /// rule: an empty string is <see cref="SectionShape.Empty"/>, as configuration binding treats it.
        /// </summary>
        public SectionShape Shape
        {
            get
            {
                var shape = WrittenShape;
                return shape == SectionShape.Scalar && string.IsNullOrEmpty(ScalarText) ? SectionShape.Empty : shape;
            }
        }

        /// <summary>Whether the value may configure a component: a mapping of options, or empty for all defaults.</summary>
        public bool IsMappingOrEmpty
        {
            get
            {
                // Once: telling the shape of a configuration section enumerates its children.
                var shape = Shape;
                return shape == SectionShape.Mapping || shape == SectionShape.Empty;
            }
        }

        /// <summary>The shape as written, before the empty-string rule.</summary>
        protected abstract SectionShape WrittenShape { get; }

        /// <summary>The text of a scalar value; null otherwise.</summary>
        protected abstract string? ScalarText { get; }

        /// <summary>Whether the scalar value is known only when the application runs (<c>${env:…}</c> at build time).</summary>
        protected abstract bool IsKnownOnlyAtRunTime { get; }

        /// <summary>The value as messages quote it, when it is not a mapping (<c>'5'</c>, <c>a list</c>).</summary>
        public string Describe()
        {
            switch (Shape)
            {
                case SectionShape.Mapping:
                    return "a mapping";
                case SectionShape.List:
                    return "a list";
                case SectionShape.Empty:
                    return "empty";
                default:
                    return "'" + ScalarText + "'";
            }
        }

        /// <summary>The <c>type:</c> key; <paramref name="text"/> is the alias for <see cref="TypeValueKind.Text"/>.</summary>
        public TypeValueKind TypeValue(out string? text) => Child(TreeRules.TypeKey).TextValue(out text);

        /// <summary>What this section's own value says when it must be one piece of text (a <c>type:</c>, a bridge's channel).</summary>
        public TypeValueKind TextValue(out string? text)
        {
            text = null;
            switch (Shape)
            {
                case SectionShape.Empty:
                    return TypeValueKind.Absent;
                case SectionShape.Scalar:
                    if (IsKnownOnlyAtRunTime)
                    {
                        return TypeValueKind.Unknown;
                    }

                    text = ScalarText;
                    return TypeValueKind.Text;
                default:
                    return TypeValueKind.Invalid;
            }
        }

        /// <summary>The <c>components:</c> section (an empty one when the key is absent).</summary>
        public abstract TreeSection Components { get; }

        /// <summary>The keys of a mapping, in the order they were written.</summary>
        public abstract IEnumerable<string> Keys { get; }

        /// <summary>The child section under <paramref name="key"/> (case-insensitive); an empty one located here when absent.</summary>
        public abstract TreeSection Child(string key);

        /// <summary>A scalar option's value as the build or the run sees it; null when absent or unknown.</summary>
        public abstract string? Value(string key);
    }

    /// <summary>A registered component type as the tree builder needs it.</summary>
    internal sealed class TreeType
    {
        public TreeType(string alias, string typeName, IReadOnlyList<KeyValuePair<string, string>> children, IReadOnlyList<TreeResource> provides, IReadOnlyList<TreeResource> consumes, object origin)
        {
            Alias = alias;
            TypeName = typeName;
            Children = children;
            Provides = provides;
            Consumes = consumes;
            Origin = origin;
        }

        public string Alias { get; }

        /// <summary>The full type name, for messages and the graph.</summary>
        public string TypeName { get; }

        /// <summary>The children declared in code: alias → type alias.</summary>
        public IReadOnlyList<KeyValuePair<string, string>> Children { get; }

        public IReadOnlyList<TreeResource> Provides { get; }

        public IReadOnlyList<TreeResource> Consumes { get; }

        /// <summary>The caller's own description of the type (the Runtime's <c>ComponentTypeInfo</c>, the build's schema).</summary>
        public object Origin { get; }
    }

    /// <summary>The step that publishes or takes a resource.</summary>
    internal enum TreeStep
    {
        /// <summary><c>PrepareAsync</c>: before the children start.</summary>
        Prepare,

        /// <summary><c>StartAsync</c>: after the children started.</summary>
        Start,

        /// <summary><c>RunAsync</c>: after start-up; it never delays the start.</summary>
        Run,
    }

    /// <summary>A resource (or signal) a type publishes or takes.</summary>
    internal sealed class TreeResource
    {
        public TreeResource(string type, string name, bool isSignal, bool isOptional, string? nameOption, TreeStep step, string? eventType = null, bool isBridgeable = false)
        {
            Type = type;
            Name = name;
            IsSignal = isSignal;
            IsOptional = isOptional;
            NameOption = nameOption;
            Step = step;
            EventType = eventType;
            IsBridgeable = isBridgeable;
        }

        /// <summary>For a published signal: its event type, as messages name it.</summary>
        public string? EventType { get; }

        /// <summary>For a published signal: whether its event type has System.Text.Json metadata, so configuration may bridge it (<c>bridges:</c>).</summary>
        public bool IsBridgeable { get; }

        /// <summary>The step that publishes it (a published resource) or waits for it (a taken one).</summary>
        public TreeStep Step { get; }

        public string Type { get; }

        public string Name { get; }

        public bool IsSignal { get; }

        public bool IsOptional { get; }

        /// <summary>The option whose configured value replaces <see cref="Name"/> for a taken resource.</summary>
        public string? NameOption { get; }
    }

    /// <summary>One component of the configured tree.</summary>
    internal sealed class TreeNode
    {
        public TreeNode(string path, ChildAlias alias, string typeAlias, TreeType? type, TreeSection section)
        {
            Path = path;
            Alias = alias;
            TypeAlias = typeAlias;
            Type = type;
            Section = section;
        }

        /// <summary>The path in the tree (<c>app/detector_backup</c>).</summary>
        public string Path { get; }

        public ChildAlias Alias { get; }

        public string TypeAlias { get; }

        /// <summary>Null when the type is unknown (reported) or known only at run time.</summary>
        public TreeType? Type { get; }

        public TreeSection Section { get; }

        public string TypeName => Type?.TypeName ?? TypeAlias;

        public List<TreeNode> Children { get; } = new List<TreeNode>();

        /// <summary>The signals its <c>bridges:</c> key bridges, those that passed the checks.</summary>
        public List<TreeBridge> Bridges { get; } = new List<TreeBridge>();

        public IEnumerable<TreeNode> DescendantsAndSelf()
        {
            yield return this;
            foreach (var child in Children)
            {
                foreach (var descendant in child.DescendantsAndSelf())
                {
                    yield return descendant;
                }
            }
        }
    }

    internal enum TreeProblemKind
    {
        /// <summary>A bad shape (ASPH0017).</summary>
        Shape,

        /// <summary>An unknown type (ASPH0012).</summary>
        UnknownType,

        /// <summary>A resource published twice (ASPH0016).</summary>
        Conflict,

        /// <summary>A resource nobody publishes (ASPH0015).</summary>
        Missing,

        /// <summary>Components waiting for each other.</summary>
        Cycle,

        /// <summary>A configured bridge of a signal whose event type has no JSON metadata (ASPH0021).</summary>
        BridgeWithoutJsonMetadata,
    }

    /// <summary>A problem of the configured tree, at a section (or its <c>type:</c> key) of the configuration.</summary>
    internal sealed class TreeProblem
    {
        public TreeProblem(TreeProblemKind kind, TreeSection at, string message, bool atValue = false, TreeNode? node = null, string? subject = null, string[]? arguments = null)
        {
            Arguments = arguments ?? new[] { at.KeyPath, message };
            Kind = kind;
            At = at;
            KeyPath = at.KeyPath;
            Message = message;
            AtValue = atValue;
            Node = node;
            Subject = subject;
        }

        public TreeProblemKind Kind { get; }

        public TreeSection At { get; }

        /// <summary>The dotted key path of the offending key (a section's, or its <c>type</c>'s).</summary>
        public string KeyPath { get; }

        public string Message { get; }

        /// <summary>The facts the build's diagnostic formats (by default the key path and the message).</summary>
        public string[] Arguments { get; }

        /// <summary>Whether the value written is wrong (located at the value), rather than the key.</summary>
        public bool AtValue { get; }

        /// <summary>For resource problems: the resource (<c>type|name</c>).</summary>
        public string? Subject { get; }

        /// <summary>The component the problem is about, for resource problems.</summary>
        public TreeNode? Node { get; }
    }
}
