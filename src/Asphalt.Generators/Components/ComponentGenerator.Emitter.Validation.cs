using System.Linq;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Components
{
    public sealed partial class ComponentGenerator
    {
        /// <summary>
        /// The options binders' DataAnnotations checks: each configured value against its member's rules,
        /// then <c>[Required]</c> on what binding left, then <c>IValidatableObject.Validate</c>.
        /// </summary>
        internal static partial class Emitter
        {
            /// <summary>One <c>Regex</c> per <c>[RegularExpression]</c>, built once from its literal pattern (NativeAOT-safe).</summary>
            private static void EmitPatternFields(SourceWriter writer, ComponentModel model)
            {
                foreach (var options in model.Options)
                {
                    foreach (var member in options.Members.Where(m => m.Validation?.Pattern is not null))
                    {
                        writer.WriteLine();
                        writer.WriteLine(GeneratorInfo.GeneratedCodeAttribute);
                        writer.WriteLine($"private static readonly global::System.Text.RegularExpressions.Regex {PatternField(options, member)} = new({Literals.String(member.Validation!.Pattern!)});");
                    }
                }
            }

            /// <summary>Checks of a configured value, inside the member's read: a failure is recorded like a bad value.</summary>
            private static void EmitValueChecks(SourceWriter writer, OptionsType options, OptionsMember member, ValidationModel rules)
            {
                var value = ValueLocal(member);
                var section = Child(member);
                if (rules.Required && !rules.IsCollection && member.Value.Kind == ValueKind.String)
                {
                    writer.WriteLine($"{Values}.CheckRequired({value}, {Bool(rules.AllowEmptyStrings)}, {section});");
                }

                if (rules.HasLength)
                {
                    writer.WriteLine(rules.IsCollection
                        ? $"{Values}.CheckCount(global::System.Linq.Enumerable.Count({value}), {Int(rules.MinimumLength)}, {Int(rules.MaximumLength)}, {section});"
                        : $"{Values}.CheckLength({value}, {Int(rules.MinimumLength)}, {Int(rules.MaximumLength)}, {section});");
                }

                if (rules.Pattern is not null)
                {
                    writer.WriteLine($"{Values}.CheckPattern({value}, {PatternField(options, member)}, {section});");
                }

                if (rules.EmailAddress)
                {
                    writer.WriteLine($"{Values}.CheckEmailAddress({value}, {section});");
                }
            }

            /// <summary>
            /// A <c>[Required]</c> constructor parameter whose default is null: absent, it is as missing as a
            /// parameter without default.
            /// </summary>
            private static bool IsRequiredWithoutDefault(OptionsMember member) =>
                member.Validation is { Required: true } && member.IsConstructorParameter && member.DefaultValue is "null" or "default"
                && (!member.Value.Type.IsValueType || member.Value.Kind == ValueKind.Nullable);

            /// <summary>
            /// After construction: a <c>[Required]</c> property whose key is absent keeps its default, which must
            /// satisfy the rule (as .NET validates the bound object); then <c>IValidatableObject.Validate</c>,
            /// when every value bound and passed its attributes (the order .NET's validator uses).
            /// </summary>
            private static void EmitValidationAfterBinding(SourceWriter writer, OptionsType options)
            {
                foreach (var member in options.Members)
                {
                    if (member.Validation is not { Required: true } rules || member.Required || member.IsConstructorParameter
                        || (member.Value.Type.IsValueType && member.Value.Kind != ValueKind.Nullable))
                    {
                        continue; // Missing is already an error, or a plain value type is never null.
                    }

                    writer.WriteLine($"if (!{HasLocal(member)} && {Values}.IsMissing(__result.{member.Name}, {Bool(rules.AllowEmptyStrings)}))");
                    using (writer.Block())
                    {
                        writer.WriteLine($"__problems.Add({Values}.MissingRequired(configuration, {Literals.String(member.Key)}, {Literals.String(member.Value.Expected)}));");
                    }
                }

                if (options.Validatable)
                {
                    writer.WriteLine("if (__problems.Count == __errors)");
                    using (writer.Block())
                    {
                        var paths = string.Concat(options.Members.Select(m =>
                            $"{Literals.String(m.Name.TrimStart('@'))} => {Values}.PathOf(configuration, {Literals.String(m.Key)}), "));
                        writer.WriteLine($"{Values}.Validate(__result, {Literals.String(options.Type.DisplayName)}, configuration, __problems, __member => __member switch {{ {paths}_ => null }});");
                    }
                }
            }

            private static string PatternField(OptionsType options, OptionsMember member) =>
                "__Pattern" + options.BindMethod.Substring("__BindOptions".Length) + "_" + member.Name.TrimStart('@');

            private static string Bool(bool value) => value ? "true" : "false";

            private static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
