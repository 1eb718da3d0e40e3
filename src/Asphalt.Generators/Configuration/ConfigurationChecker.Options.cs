using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Asphalt.Generators.Diagnostics;
using Asphalt.Generators.Models;
using Asphalt.Trees;

namespace Asphalt.Generators.Configuration
{
    /// <summary>A component's options as the file writes them, against its options type (ASPH0013, ASPH0014, ASPH0018).</summary>
    internal sealed partial class ConfigurationChecker
    {
        private void CheckOptions(TreeNode node)
        {
            if (node.Type?.Origin is not ComponentSchema schema)
            {
                return;
            }

            var context = new OptionsContext(node, schema);
            var written = (YamlTreeSection)node.Section;
            if (written.Mapping is { } section)
            {
                foreach (var entry in section.Entries)
                {
                    if (TreeRules.FrameworkKeys.Contains(entry.Key, StringComparer.OrdinalIgnoreCase))
                    {
                        continue; // The tree's own keys, checked while reading the tree.
                    }

                    var member = schema.Options?.Members.FirstOrDefault(m => string.Equals(m.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
                    if (member is not null)
                    {
                        CheckMember(entry.Value, member, written.KeyPath + "." + entry.Key, context);
                    }
                    else if (!schema.AcceptsAnyKey)
                    {
                        var known = (schema.Options?.Members.Select(m => m.Key) ?? Enumerable.Empty<string>()).Concat(TreeRules.FrameworkKeys).ToList();
                        ReportAtKey(DiagnosticDescriptors.UnknownOption, entry, written.KeyPath + "." + entry.Key, entry.Key, node.Path, schema.TypeName,
                            string.Join(", ", known), NearMatch.DidYouMean(entry.Key, known));
                    }
                }
            }

            if (schema.Options is { } options)
            {
                CheckRequired(options, written.Mapping, written.KeyPath, written.KeyStart, written.KeyEnd, context);
            }
        }

        /// <summary>The component a value belongs to, for messages.</summary>
        private sealed class OptionsContext
        {
            public OptionsContext(TreeNode node, ComponentSchema schema)
            {
                Node = node;
                Schema = schema;
            }

            public TreeNode Node { get; }

            public ComponentSchema Schema { get; }
        }

        private void CheckRequired(OptionsType options, YamlMapping? section, string keyPath, int start, int end, OptionsContext context)
        {
            foreach (var member in options.Members.Where(m => m.Required))
            {
                if (section?.Find(member.Key) is null)
                {
                    Report(DiagnosticDescriptors.RequiredOptionNotSet, start, end, keyPath, member.Key, member.Value.Expected,
                        context.Node.Path, context.Schema.TypeName);
                }
            }
        }

        // The value, then [Url], a number's [Range] and the other validation rules, as generated binding checks them.
        private void CheckMember(YamlNode node, OptionsMember member, string keyPath, OptionsContext context)
        {
            CheckValue(node, member.Value, keyPath, context);
            if (member.Validation is { IsCollection: true } listRules && node is YamlSequence sequence)
            {
                CheckCount(sequence, listRules, keyPath, context);
            }

            var single = member.Value.Kind == ValueKind.Nullable ? member.Value.Element! : member.Value;
            if (node is not YamlScalar { IsSubstituted: false } scalar
                || (scalar.Value is { } converted && !ConfigurationValueCheck.Converts(converted, single)))
            {
                return; // Known only at run time, or already reported as the wrong type.
            }

            if (member.AbsoluteUrl && single.Kind is ValueKind.String or ValueKind.Uri)
            {
                // An empty value binds to "" for a string, which is not a URL either.
                var url = scalar.Value ?? string.Empty;
                if (single.Kind == ValueKind.String || url.Length > 0)
                {
                    if (!(Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme is "http" or "https" or "ftp"))
                    {
                        const string Allowed = "absolute URL (http, https or ftp)"; // As ConfigurationValues.AbsoluteUrl.
                        ReportAt(DiagnosticDescriptors.InvalidOptionValue, node, keyPath, $"'{url}' is not a valid {Allowed}", context.Node.Path, context.Schema.TypeName, Allowed);
                    }
                }
            }

            if (member.Range is { } range
                && scalar.Value is { } text
                && double.TryParse(text.Trim(), NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var number)
                && OutOfRange(number, range, single.Expected == "Single"))
            {
                var allowed = $"{member.Value.Expected} from {range.Minimum} to {range.Maximum}";
                ReportAt(DiagnosticDescriptors.InvalidOptionValue, node, keyPath, $"'{text}' is not a valid {allowed}", context.Node.Path, context.Schema.TypeName, allowed);
            }

            if (member.Validation is { IsCollection: false } rules && single.Kind == ValueKind.String)
            {
                CheckString(node, scalar.Value ?? string.Empty, rules, keyPath, context);
            }
        }

        // [Required], the length bounds, [RegularExpression] and [EmailAddress] on a string the file writes,
        // by the rules generated binding applies (an empty value binds to "").
        private void CheckString(YamlNode node, string text, ValidationModel rules, string keyPath, OptionsContext context)
        {
            string? expected = null;
            if (rules.Required && !OptionRules.IsPresent(text, rules.AllowEmptyStrings))
            {
                expected = OptionRules.NonEmptyString;
            }
            else if (OptionRules.OutsideBounds(text.Length, rules.MinimumLength, rules.MaximumLength))
            {
                expected = OptionRules.StringOfLength(rules.MinimumLength, rules.MaximumLength);
            }
            else if (rules.Pattern is { } pattern && !OptionRules.MatchesWhole(new Regex(pattern), text))
            {
                expected = OptionRules.Matching(pattern);
            }
            else if (rules.EmailAddress && !OptionRules.IsEmailAddress(text))
            {
                expected = OptionRules.EmailAddress;
            }

            if (expected is not null)
            {
                ReportAt(DiagnosticDescriptors.InvalidOptionValue, node, keyPath, $"'{text}' is not a valid {expected}", context.Node.Path, context.Schema.TypeName, expected);
            }
        }

        // [MinLength]/[MaxLength] on a list: the items the file writes.
        private void CheckCount(YamlSequence sequence, ValidationModel rules, string keyPath, OptionsContext context)
        {
            if (OptionRules.OutsideBounds(sequence.Items.Count, rules.MinimumLength, rules.MaximumLength))
            {
                var expected = OptionRules.ListOfCount(rules.MinimumLength, rules.MaximumLength);
                var items = sequence.Items.Count == 1 ? "1 item" : sequence.Items.Count.ToString(CultureInfo.InvariantCulture) + " items";
                ReportAt(DiagnosticDescriptors.InvalidOptionValue, sequence, keyPath, $"a list of {items} is not a valid {expected}", context.Node.Path, context.Schema.TypeName, expected);
            }
        }

        // As the generated check: a float against float bounds.
        private static bool OutOfRange(double number, RangeModel range, bool isSingle)
        {
            var minimum = double.Parse(range.Minimum, CultureInfo.InvariantCulture);
            var maximum = double.Parse(range.Maximum, CultureInfo.InvariantCulture);
            return isSingle
                ? (float)number < (float)minimum || (float)number > (float)maximum
                : number < minimum || number > maximum;
        }

        private void CheckValue(YamlNode node, ValueModel value, string keyPath, OptionsContext context)
        {
            if (node is YamlScalar { IsSubstituted: true })
            {
                return; // Known only at run time.
            }

            switch (value.Kind)
            {
                case ValueKind.Nullable:
                    CheckValue(node, value.Element!, keyPath, context);
                    return;
                case ValueKind.String:
                    if (node is not YamlScalar)
                    {
                        Wrong(node, keyPath, $"{node.Describe()} is not a string", value, context);
                    }

                    return;
                case ValueKind.Array:
                case ValueKind.List:
                case ValueKind.Dictionary:
                    CheckCollection(node, value, keyPath, context);
                    return;
                case ValueKind.Object:
                    CheckObject(node, value, keyPath, context);
                    return;
            }

            switch (node)
            {
                case YamlScalar { Value: null }:
                    Wrong(node, keyPath, "an empty value does not convert", value, context);
                    break;
                case YamlScalar { Value: { } text }:
                    if (!ConfigurationValueCheck.Converts(text, value))
                    {
                        Wrong(node, keyPath, $"'{text}' is not a valid {value.Expected}", value, context);
                    }

                    break;
                default:
                    Wrong(node, keyPath, $"{node.Describe()} is not a single value", value, context);
                    break;
            }
        }

        private void CheckCollection(YamlNode node, ValueModel value, string keyPath, OptionsContext context)
        {
            switch (node)
            {
                case YamlSequence when value.Kind == ValueKind.Dictionary:
                    // The runtime rejects it too: a list would bind as the keys 0, 1 ….
                    Wrong(node, keyPath, "a list is not a mapping", value, context);
                    break;
                case YamlSequence sequence:
                    for (var i = 0; i < sequence.Items.Count; i++)
                    {
                        CheckValue(sequence.Items[i], value.Element!, keyPath + "." + i.ToString(CultureInfo.InvariantCulture), context);
                    }

                    break;
                case YamlMapping mapping:
                    // Configuration keys are the indexes: a mapping binds to a list too.
                    foreach (var entry in mapping.Entries)
                    {
                        CheckValue(entry.Value, value.Element!, keyPath + "." + entry.Key, context);
                    }

                    break;
                case YamlScalar { Value: null }:
                    break;
                default:
                    Wrong(node, keyPath, $"{node.Describe()} is a single value", value, context);
                    break;
            }
        }

        private void CheckObject(YamlNode node, ValueModel value, string keyPath, OptionsContext context)
        {
            if (node is YamlScalar { Value: null })
            {
                return;
            }

            if (node is not YamlMapping mapping)
            {
                Wrong(node, keyPath, $"{node.Describe()} is not a mapping", value, context);
                return;
            }

            if (value.BindMethod is null || !context.Schema.OptionsByMethod.TryGetValue(value.BindMethod, out var options))
            {
                return;
            }

            foreach (var entry in mapping.Entries)
            {
                var member = options.Members.FirstOrDefault(m => string.Equals(m.Key, entry.Key, StringComparison.OrdinalIgnoreCase));
                if (member is null)
                {
                    var known = options.Members.Select(m => m.Key).ToList();
                    ReportAtKey(DiagnosticDescriptors.UnknownOption, entry, keyPath + "." + entry.Key, entry.Key, context.Node.Path,
                        context.Schema.TypeName + ", in " + options.Type.DisplayName, known.Count == 0 ? "(none)" : string.Join(", ", known), NearMatch.DidYouMean(entry.Key, known));
                }
                else
                {
                    CheckMember(entry.Value, member, keyPath + "." + entry.Key, context);
                }
            }

            CheckRequired(options, mapping, keyPath, mapping.Start, mapping.Start, context);
        }

        private void Wrong(YamlNode node, string keyPath, string what, ValueModel value, OptionsContext context)
        {
            var expected = value.Kind switch
            {
                ValueKind.Array or ValueKind.List => "a list (" + value.Expected + ")",
                ValueKind.Dictionary => "a mapping (" + value.Expected + ")",
                ValueKind.Object => "a mapping of " + value.Expected + "'s options",
                _ => value.Expected,
            };
            ReportAt(DiagnosticDescriptors.InvalidOptionValue, node, keyPath, what, context.Node.Path, context.Schema.TypeName, expected);
        }
    }
}
