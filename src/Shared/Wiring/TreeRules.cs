#nullable enable

// Shared as source by Asphalt.Runtime and Asphalt.Generators (netstandard2.0): the rules of the
// configured tree live here once, so generated Create, the command line and the build agree.
namespace Asphalt.Trees
{
    /// <summary>The names and rules of the configured component tree.</summary>
    internal static class TreeRules
    {
        /// <summary>The top-level key holding the root component's configuration.</summary>
        public const string ComponentKey = "component";

        /// <summary>The key holding a component's children.</summary>
        public const string ComponentsKey = "components";

        /// <summary>The key choosing a configured component's type (a registered alias).</summary>
        public const string TypeKey = "type";

        /// <summary>The key of a component's section naming the signals it publishes that are bridged to a channel (<c>bridges: { messages: chat:messages }</c>).</summary>
        public const string BridgesKey = "bridges";

        /// <summary>The keys of a component's section that belong to the framework, not to its options.</summary>
        public static readonly string[] FrameworkKeys = { ComponentsKey, TypeKey, BridgesKey };

        /// <summary>The resource type a bridge goes through, as the registry names it.</summary>
        public const string SignalTransportType = "Asphalt.ISignalTransport";

        /// <summary>The resource name of the transport a bridge goes through.</summary>
        public const string SignalTransportName = "default";

        /// <summary>The resource name that an instance's own name (<c>alias/name</c>) replaces.</summary>
        public const string DefaultName = "default";

        /// <summary>The root component's name in component paths.</summary>
        public const string RootAlias = "app";

        /// <summary>Deeper than this, a type almost certainly contains itself.</summary>
        public const int MaxDepth = 32;

        /// <summary>The top-level keys the runner understands.</summary>
        public static readonly string[] TopLevelKeys = { ComponentKey, "logging", "startTimeout", "stopTimeout" };

        /// <summary>
        /// Letters, digits and '_', at least one: a component alias, a resource name (also in <c>alias/name</c>).
        /// A loop, not LINQ: the Runtime checks every published resource's name with it, without allocating.
        /// </summary>
        public static bool IsIdentifier(string name)
        {
            if (name.Length == 0)
            {
                return false;
            }

            foreach (var c in name)
            {
                if (!char.IsLetterOrDigit(c) && c != '_')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The type a <c>type:</c> value names: Asphalt reads only the part before '/'.</summary>
        public static string TypeAliasOf(string written)
        {
            var slash = written.IndexOf('/');
            return slash < 0 ? written : written.Substring(0, slash);
        }

        /// <summary>The name a resource declared as <paramref name="declared"/> is published under by an instance named <paramref name="instanceName"/>.</summary>
        public static string PublishedName(string declared, string instanceName) =>
            declared == DefaultName ? instanceName : declared;
    }

    /// <summary>
    /// A child's key under <c>components:</c>: an identifier, or <c>alias/resourceName</c> (a second
    /// instance of type <c>alias</c> publishing its default resources as <c>resourceName</c>, at
    /// <c>alias_resourceName</c> in the tree).
    /// </summary>
    internal readonly struct ChildAlias
    {
        private ChildAlias(string written, string baseAlias, string resourceName)
        {
            Written = written;
            BaseAlias = baseAlias;
            ResourceName = resourceName;
        }

        public string Written { get; }

        /// <summary>The part before '/': the type when <c>type:</c> is not set.</summary>
        public string BaseAlias { get; }

        /// <summary>The part after '/', or <c>default</c>.</summary>
        public string ResourceName { get; }

        /// <summary>The child's name in component paths: an identifier.</summary>
        public string TreeAlias => Written.Replace('/', '_');

        public bool IsValid => TreeRules.IsIdentifier(BaseAlias) && TreeRules.IsIdentifier(ResourceName);

        public static ChildAlias Parse(string written)
        {
            var slash = written.IndexOf('/');
            return slash < 0
                ? new ChildAlias(written, written, TreeRules.DefaultName)
                : new ChildAlias(written, written.Substring(0, slash), written.Substring(slash + 1));
        }
    }
}
