#nullable enable
namespace Asphalt.Trees
{
    /// <summary>
    /// Limits and messages of configuration input that the Runtime's loader and the build's checker
    /// both apply (a generator cannot reference the Runtime): one copy, so they say the same.
    /// Documented in docs/configuration.md ("Limits").
    /// </summary>
    internal static class ConfigurationText
    {
        /// <summary>The deepest a value may be nested, counted in keys on its path (a list item is a level).</summary>
        public const int MaxDepth = 64;

        /// <summary>The most values that aliases may copy in one file (an alias counts everything its anchor holds).</summary>
        public const int MaxAliasExpansion = 100000;

        public const string TooDeep = "the configuration is nested deeper than 64 levels (the limit); flatten it";

        public const string TooManyAliasCopies =
            "aliases in this file expand to more than 100000 values (the limit); "
            + "an alias copies everything its anchor holds, so aliases of aliases multiply: write the values out or share fewer levels";

        public static string ServicesNotMapping(string value) =>
            "The \"services\" key must be a mapping of service names to configurations, not " + value;

        public static string LoggingNotMapping(string value) =>
            $"'logging' must be a mapping such as 'logging: {{level: Debug}}', not {value}";

        public const string UnknownLoggingSetting = "unknown logging setting: the only one is 'level'";

        public static string NotALogLevel(string value) =>
            $"{value} is not a log level: use Trace, Debug, Information, Warning, Error, Critical or None";

        /// <summary>The longest timeout in seconds: about 49.7 days, the most a .NET timer waits (2^32 − 2 ms).</summary>
        public const double MaxSeconds = 4294967;

        public static string NotSeconds(string value) => $"{value} is not a number of seconds from 0 (no limit) to 4294967 (about 49.7 days)";

        /// <summary>Reads a timeout in seconds, as <c>startTimeout</c> and <c>stopTimeout</c> take it; false when out of range.</summary>
        public static bool TryParseSeconds(string text, out double seconds) =>
            double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out seconds)
            && seconds >= 0 && seconds <= MaxSeconds;
    }
}
