using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

// The DataAnnotations rules generated binding checks, each as .NET's attribute defines it; a
// configured value that breaks one is a ConfigurationBindingException naming the key path.
public static partial class ConfigurationValues
{
    /// <summary>The expected value of a <c>[Required]</c> string, in messages.</summary>
    public const string NonEmptyString = "non-empty String";

    /// <summary>The expected value of an <c>[EmailAddress]</c> option, in messages.</summary>
    public const string EmailAddress = "email address";

    /// <summary>
    /// Throws the binding error for a configured <c>[Required]</c> string that is empty or white space
    /// (<c>RequiredAttribute</c>'s rule; <paramref name="allowEmptyStrings"/> is its <c>AllowEmptyStrings</c>).
    /// </summary>
    public static void CheckRequired(string? value, bool allowEmptyStrings, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!allowEmptyStrings && string.IsNullOrWhiteSpace(value))
        {
            throw InvalidValue(section, NonEmptyString);
        }
    }

    /// <summary>
    /// Whether the bound value of a <c>[Required]</c> member whose key is absent fails the rule: null,
    /// or an empty or white-space string unless <paramref name="allowEmptyStrings"/>.
    /// </summary>
    public static bool IsMissing(object? value, bool allowEmptyStrings) =>
        value is null || (!allowEmptyStrings && value is string text && string.IsNullOrWhiteSpace(text));

    /// <summary>
    /// Throws the binding error for a string outside the length bounds of <c>[StringLength]</c>,
    /// <c>[MinLength]</c> or <c>[MaxLength]</c> (a bound of -1 is no bound); null passes.
    /// </summary>
    public static void CheckLength(string? value, int minimum, int maximum, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is not null && OutsideBounds(value.Length, minimum, maximum))
        {
            throw InvalidValue(section, "String of " + Bounds(minimum, maximum, "characters"));
        }
    }

    /// <summary>
    /// Throws the binding error for a list or array whose item count is outside the bounds of
    /// <c>[MinLength]</c> or <c>[MaxLength]</c> (a bound of -1 is no bound).
    /// </summary>
    public static void CheckCount(int count, int minimum, int maximum, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (OutsideBounds(count, minimum, maximum))
        {
            var expected = "list of " + Bounds(minimum, maximum, "items");
            var items = count == 1 ? "1 item" : count.ToString(CultureInfo.InvariantCulture) + " items";
            throw new ConfigurationBindingException(section.Path, expected, $"Configuration key '{section.Path}' has {items}; expected a {expected}.");
        }
    }

    /// <summary>
    /// Throws the binding error for a string that <paramref name="pattern"/> does not match as a whole
    /// (<c>RegularExpressionAttribute</c>'s rule); null and the empty string pass, as there.
    /// </summary>
    public static void CheckPattern(string? value, Regex pattern, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(section);
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var match = pattern.Match(value);
        if (!match.Success || match.Index != 0 || match.Length != value.Length)
        {
            throw InvalidValue(section, "String matching " + pattern);
        }
    }

    /// <summary>
    /// Throws the binding error for a string that is not an email address by
    /// <c>EmailAddressAttribute</c>'s rule: exactly one '@', neither first nor last, no line break; null passes.
    /// </summary>
    public static void CheckEmailAddress(string? value, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is null)
        {
            return;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (value.Contains('\r', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal)
            || at <= 0 || at == value.Length - 1 || at != value.LastIndexOf('@'))
        {
            throw InvalidValue(section, EmailAddress);
        }
    }

    /// <summary>
    /// Calls <see cref="IValidatableObject.Validate"/> on bound options and records each failed result,
    /// at the configuration path of its first member (<paramref name="pathOfMember"/> maps a member name
    /// to its key path) or of the section itself, naming every member of the result.
    /// </summary>
    public static void Validate(IValidatableObject options, string typeName, IConfiguration? configuration, ConfigurationProblems problems, Func<string, string?> pathOfMember)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(pathOfMember);

        // This constructor reads nothing by reflection (the display name is given), so it is trimming-safe.
        var validationContext = new ValidationContext(options, typeName, null, null);
        var expected = "valid " + typeName;
        foreach (var result in options.Validate(validationContext))
        {
            if (result is null || result == ValidationResult.Success)
            {
                continue;
            }

            var paths = result.MemberNames.Select(m => pathOfMember(m) ?? m).ToList();
            var members = paths.Count == 0 ? string.Empty : $" (members: {string.Join(", ", paths)})";
            var path = paths.Count == 0 ? PathOf(configuration) : paths[0];
            problems.Add(new ConfigurationBindingException(path, expected,
                $"Configuration at '{PathOf(configuration)}' is not a valid {typeName}: {result.ErrorMessage ?? "(no message)"}{members}."));
        }
    }

    private static bool OutsideBounds(int length, int minimum, int maximum) =>
        (minimum >= 0 && length < minimum) || (maximum >= 0 && length > maximum);

    private static string Bounds(int minimum, int maximum, string unit) =>
        minimum >= 0 && maximum >= 0
            ? $"{minimum.ToString(CultureInfo.InvariantCulture)} to {maximum.ToString(CultureInfo.InvariantCulture)} {unit}"
            : minimum >= 0
                ? $"at least {minimum.ToString(CultureInfo.InvariantCulture)} {unit}"
                : $"at most {maximum.ToString(CultureInfo.InvariantCulture)} {unit}";
}
