#nullable enable
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>
    /// The configured tree's messages, written once: the command line prints them after the key path,
    /// the build reports them as ASPH0012/0015/0016/0017 with the same text.
    /// </summary>
    internal static class TreeMessages
    {
        public static string UnknownTopLevelKey(string key) =>
            $"unknown top-level key; the known keys are {string.Join(", ", TreeRules.TopLevelKeys)} (component options go under 'component:'){NearMatch.DidYouMean(key, TreeRules.TopLevelKeys)}";

        public static string RootNotMapping(string value) =>
            $"the root component's configuration must be a mapping of options, not {value}";

        public static string ComponentsNotMapping(string value) =>
            $"'components' must be a mapping of child aliases to their configuration, not {value}";

        public static string ChildNotMapping(string value) =>
            $"a component's configuration must be a mapping of options or empty, not {value}";

        public static string TypeNotScalar(string value) =>
            $"'type' must name a component type alias, not {value}";

        public static string InvalidChildAlias(string alias) =>
            $"'{alias}' is not a valid child alias: use an identifier (letters, digits, '_'), or 'alias/resourceName' to publish a second instance's resources under another name";

        public const string TooDeep =
            "the component tree is more than 32 levels deep: a component type probably declares itself as its own descendant";

        public static string DuplicateChild(string parentPath, string treeAlias) =>
            $"two children of '{parentPath}' would both be named '{treeAlias}'; rename one";

        public static string UnknownType(string typeAlias, IReadOnlyCollection<string> aliases) =>
            $"unknown component type '{typeAlias}'{NearMatch.DidYouMean(typeAlias, aliases)}: registered types are {(aliases.Count == 0 ? "(none)" : string.Join(", ", aliases))}; set 'type:' to one of them";

        /// <summary>
        /// Two providers of one resource. <c>alias/otherName</c> renames only what a component publishes as
        /// <c>default</c>; a resource named in code keeps its name, so then the advice is to keep one of them.
        /// </summary>
        public static string ResourceConflict(string type, string name, string declaredName, string firstPath, string secondPath, string secondAlias) =>
            declaredName == TreeRules.DefaultName
                ? $"resource {type} '{name}' is published by both '{firstPath}' and '{secondPath}': configure one of them as '{ChildAlias.Parse(secondAlias).BaseAlias}/otherName' to publish under another name"
                : $"resource {type} '{name}' is published by both '{firstPath}' and '{secondPath}': its name '{name}' is fixed in code ('alias/otherName' renames only 'default' resources), so remove one of the two components from the tree";

        public static string ResourceMissing(string path, string typeName, string type, string name, IReadOnlyCollection<string> publishedNames) =>
            $"component '{path}' ({typeName}) takes resource {type} '{name}', which no component in the configured tree publishes"
            + (publishedNames.Count > 0
                ? $"; {type} is published as {string.Join(", ", publishedNames.Select(n => $"'{n}'"))}{NearMatch.DidYouMean(name, publishedNames)}"
                : "; add a component that publishes it under 'components:'");

        public static string BridgesNotMapping(string value) =>
            $"'bridges' must be a mapping of the component's signal names to channels ('bridges: {{ messages: chat:messages }}'), not {value}";

        public static string UnknownBridgedSignal(string path, string typeName, string written, IReadOnlyCollection<string> signals) =>
            $"component '{path}' ({typeName}) publishes no signal '{written}'{NearMatch.DidYouMean(written, signals)}"
            + (signals.Count > 0
                ? $"; its signals are {string.Join(", ", signals.Select(s => $"'{s}'"))}"
                : "; it publishes no signal: write 'bridges:' on the component that publishes the signal");

        public static string BridgeChannelInvalid(string signal, string value) =>
            $"signal '{signal}' must be bridged to a channel name (the same on every process that bridges it), not {value}";

        /// <summary>ASPH0021's text, for a bridge declared in code (the build) and one named under <c>bridges:</c> (build and command line).</summary>
        public const string BridgedEventWithoutJsonMetadataFormat =
            "Component '{0}': signal '{1}' is bridged to channel '{2}', but no JsonSerializerContext in this assembly has [JsonSerializable(typeof({3}))]; add one, e.g. '[JsonSerializable(typeof({3}))] internal sealed partial class EventJsonContext : JsonSerializerContext;'";

        public static string BridgedEventWithoutJsonMetadata(string typeName, string signal, string channel, string eventType) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, BridgedEventWithoutJsonMetadataFormat, typeName, signal, channel, eventType);

        public static string BridgeWithoutTransport(string path, string typeName, string signal, string channel, IReadOnlyCollection<string> publishedNames) =>
            $"component '{path}' ({typeName}) bridges signal '{signal}' to channel '{channel}' through the {TreeRules.SignalTransportType} '{TreeRules.SignalTransportName}', which no component in the configured tree publishes"
            + (publishedNames.Count > 0
                ? $" ({TreeRules.SignalTransportType} is published as {string.Join(", ", publishedNames.Select(n => $"'{n}'"))})"
                : string.Empty)
            + "; add a component that publishes it under 'components:' (Asphalt.Redis's 'redis' component does)";

        public static string Cycle(IEnumerable<string> paths) =>
            $"components wait for each other's resources and would never start: {string.Join(" ⟶ ", paths)}; publish one of the resources earlier (in PrepareAsync) or break the cycle";
    }
}
