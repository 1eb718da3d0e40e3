#nullable enable
using System.Globalization;
using System.Text.RegularExpressions;

namespace Asphalt.Trees
{
    /// <summary>
    /// The DataAnnotations rules generated options binding checks, as .NET's attributes define them:
    /// one implementation for the binder at run time and the build-time check of configuration files.
    /// </summary>
    internal static class OptionRules
    {
        /// <summary>The expected value of a <c>[Required]</c> string, in messages.</summary>
        public const string NonEmptyString = "non-empty String";

        /// <summary>The expected value of an <c>[EmailAddress]</c> option, in messages.</summary>
        public const string EmailAddress = "email address";

        /// <summary><c>RequiredAttribute</c> on a string: not empty or white space unless allowed.</summary>
        public static bool IsPresent(string? value, bool allowEmptyStrings) =>
            value is not null && (allowEmptyStrings || !string.IsNullOrWhiteSpace(value));

        /// <summary>Whether a length or count is outside the bounds (-1 is no bound).</summary>
        public static bool OutsideBounds(int length, int minimum, int maximum) =>
            (minimum >= 0 && length < minimum) || (maximum >= 0 && length > maximum);

        /// <summary><c>2 to 8 characters</c>, <c>at least 2 items</c>, <c>at most 8 characters</c>.</summary>
        public static string Bounds(int minimum, int maximum, string unit) =>
            minimum >= 0 && maximum >= 0
                ? minimum.ToString(CultureInfo.InvariantCulture) + " to " + maximum.ToString(CultureInfo.InvariantCulture) + " " + unit
                : minimum >= 0
                    ? "at least " + minimum.ToString(CultureInfo.InvariantCulture) + " " + unit
                    : "at most " + maximum.ToString(CultureInfo.InvariantCulture) + " " + unit;

        /// <summary>The expected value of a string with length bounds.</summary>
        public static string StringOfLength(int minimum, int maximum) => "String of " + Bounds(minimum, maximum, "characters");

        /// <summary>The expected value of a list with count bounds.</summary>
        public static string ListOfCount(int minimum, int maximum) => "list of " + Bounds(minimum, maximum, "items");

        /// <summary>The expected value of a string with a pattern.</summary>
        public static string Matching(string pattern) => "String matching " + pattern;

        /// <summary><c>RegularExpressionAttribute</c>: the whole value matches; null and empty pass.</summary>
        public static bool MatchesWhole(Regex pattern, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return true;
            }

            var match = pattern.Match(value);
            return match.Success && match.Index == 0 && match.Length == value!.Length;
        }

        /// <summary><c>EmailAddressAttribute</c>: exactly one '@', neither first nor last, no line break.</summary>
        public static bool IsEmailAddress(string value)
        {
            var at = value.IndexOf('@');
            return at > 0 && at != value.Length - 1 && at == value.LastIndexOf('@')
                && value.IndexOf('\r') < 0 && value.IndexOf('\n') < 0;
        }
    }
}
