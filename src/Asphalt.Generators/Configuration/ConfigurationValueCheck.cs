using System;
using System.Globalization;
using System.Linq;
using Asphalt.Generators.Models;

namespace Asphalt.Generators.Configuration
{
    /// <summary>
    /// Whether a scalar converts to an option's type the way the generated binder converts it
    /// (<c>ConfigurationValues</c>: trimmed, invariant culture; enums by name, ignoring case).
    /// </summary>
    /// <remarks>Types netstandard2.0 cannot parse (DateOnly, Half, Int128…) are approximated by accepting, never by rejecting.</remarks>
    internal static class ConfigurationValueCheck
    {
        public static bool Converts(string value, ValueModel model)
        {
            var text = value.Trim();
            var invariant = CultureInfo.InvariantCulture;
            switch (model.Kind)
            {
                case ValueKind.Boolean:
                    return bool.TryParse(text, out _);
                case ValueKind.Uri:
                    return Uri.TryCreate(value, UriKind.RelativeOrAbsolute, out _);
                case ValueKind.Enum:
                    return model.EnumMembers.Any(m => string.Equals(m, text, StringComparison.OrdinalIgnoreCase));
                case ValueKind.Parsable:
                    break;
                default:
                    return true;
            }

            const NumberStyles Integer = NumberStyles.Integer;
            const NumberStyles Float = NumberStyles.Float | NumberStyles.AllowThousands;
            switch (model.Expected)
            {
                case "SByte": return sbyte.TryParse(text, Integer, invariant, out _);
                case "Byte": return byte.TryParse(text, Integer, invariant, out _);
                case "Int16": return short.TryParse(text, Integer, invariant, out _);
                case "UInt16": return ushort.TryParse(text, Integer, invariant, out _);
                case "Int32": return int.TryParse(text, Integer, invariant, out _);
                case "UInt32": return uint.TryParse(text, Integer, invariant, out _);
                case "Int64": return long.TryParse(text, Integer, invariant, out _);
                case "UInt64": return ulong.TryParse(text, Integer, invariant, out _);
                case "Int128":
                case "UInt128":
                    return text.Length > 0 && text.TrimStart('+', '-').Length > 0 && text.TrimStart('+', '-').All(char.IsDigit);
                case "Single":
                case "Double":
                case "Half":
                    return double.TryParse(text, Float, invariant, out _);
                case "Decimal": return decimal.TryParse(text, NumberStyles.Number, invariant, out _);
                case "Char": return text.Length == 1;
                case "Guid": return Guid.TryParse(text, out _);
                case "TimeSpan": return TimeSpan.TryParse(text, invariant, out _);
                case "DateTime":
                case "DateOnly":
                    return DateTime.TryParse(text, invariant, DateTimeStyles.None, out _);
                case "DateTimeOffset": return DateTimeOffset.TryParse(text, invariant, DateTimeStyles.None, out _);
                case "IPAddress": return System.Net.IPAddress.TryParse(text, out _);
                case "TimeOnly":
                    return TimeSpan.TryParse(text, invariant, out _) || DateTime.TryParse(text, invariant, DateTimeStyles.None, out _);
                default:
                    return true;
            }
        }

        /// <summary>Kinds that need a scalar with a value (an empty value does not convert).</summary>
        public static bool NeedsScalar(ValueKind kind) =>
            kind is ValueKind.Boolean or ValueKind.Parsable or ValueKind.Uri or ValueKind.Enum;
    }
}
