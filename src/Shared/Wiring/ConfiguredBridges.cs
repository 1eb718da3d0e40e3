#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;

namespace Asphalt.Trees
{
    /// <summary>A signal a component's <c>bridges:</c> key bridges to a channel.</summary>
    internal sealed class TreeBridge
    {
        public TreeBridge(string signal, string channel, TreeSection at)
        {
            Signal = signal;
            Channel = channel;
            At = at;
        }

        /// <summary>The signal's name as the component declares it.</summary>
        public string Signal { get; }

        /// <summary>The channel; <see cref="ChannelSetAtRunTime"/> when the build cannot know it.</summary>
        public string Channel { get; }

        /// <summary>The signal's key under <c>bridges:</c>, where problems are reported.</summary>
        public TreeSection At { get; }

        /// <summary>How a channel written as <c>${env:…}</c> appears to the build.</summary>
        public const string ChannelSetAtRunTime = "(set at run time)";
    }

    /// <summary>
    /// The <c>bridges:</c> key of a component's section (<c>bridges: { messages: chat:messages }</c>): each
    /// signal the component publishes may be bridged to a channel of the tree's <c>ISignalTransport</c>.
    /// The one reader of that key, for the build's configuration check and the command line alike; the
    /// transport itself is checked with the resource graph (<see cref="TreeGraph"/>).
    /// </summary>
    internal static class ConfiguredBridges
    {
        /// <summary>Reads <paramref name="node"/>'s bridges into <see cref="TreeNode.Bridges"/>, each problem into <paramref name="problems"/>.</summary>
        public static void Read(TreeNode node, List<TreeProblem> problems)
        {
            var section = node.Section.Child(TreeRules.BridgesKey);
            if (section.Shape == SectionShape.Empty || node.Type is not { } type)
            {
                return; // Nothing written, or a type the build cannot see (reported, or known only at run time).
            }

            if (section.Shape != SectionShape.Mapping)
            {
                problems.Add(new TreeProblem(TreeProblemKind.Shape, section, TreeMessages.BridgesNotMapping(section.Describe()), atValue: true));
                return;
            }

            var signals = type.Provides.Where(r => r.IsSignal).ToList();
            foreach (var written in section.Keys)
            {
                var at = section.Child(written);
                var signal = signals.FirstOrDefault(s => string.Equals(s.Name, written, StringComparison.OrdinalIgnoreCase));
                if (signal is null)
                {
                    problems.Add(new TreeProblem(TreeProblemKind.Shape, at,
                        TreeMessages.UnknownBridgedSignal(node.Path, type.TypeName, written, signals.Select(s => s.Name).ToList())));
                    continue;
                }

                string channel;
                switch (at.TextValue(out var text))
                {
                    case TypeValueKind.Text when !string.IsNullOrWhiteSpace(text):
                        channel = text!;
                        break;
                    case TypeValueKind.Unknown:
                        channel = TreeBridge.ChannelSetAtRunTime;
                        break;
                    default:
                        problems.Add(new TreeProblem(TreeProblemKind.Shape, at, TreeMessages.BridgeChannelInvalid(signal.Name, at.Describe()), atValue: true));
                        continue;
                }

                if (!signal.IsBridgeable)
                {
                    var eventType = signal.EventType ?? signal.Type;
                    problems.Add(new TreeProblem(TreeProblemKind.BridgeWithoutJsonMetadata, at,
                        TreeMessages.BridgedEventWithoutJsonMetadata(type.TypeName, signal.Name, channel, eventType),
                        node: node, arguments: new[] { type.TypeName, signal.Name, channel, eventType }));
                    continue;
                }

                node.Bridges.Add(new TreeBridge(signal.Name, channel, at));
            }
        }
    }
}
