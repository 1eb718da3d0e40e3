using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using Asphalt.Trees;
using Microsoft.Extensions.Configuration;

namespace Asphalt;

// The DataAnnotations rules generated binding checks, each as .NET's attribute defines it; a
// configured value that breaks one is a ConfigurationBindingException naming the key path.
public static partial class ConfigurationValues
{
    /// <summary>The expected value of a <c>[Required]</c> string, in messages.</summary>
    public const string NonEmptyString = OptionRules.NonEmptyString;

    /// <summary>The expected value of an <c>[EmailAddress]</c> option, in messages.</summary>
    public const string EmailAddress = OptionRules.EmailAddress;

    /// <summary>
    /// Throws the binding error for a configured <c>[Required]</c> string that is empty or white space
    /// (<c>RequiredAttribute</c>'s rule; <paramref name="allowEmptyStrings"/> is its <c>AllowEmptyStrings</c>).
    /// </summary>
    public static void CheckRequired(string? value, bool allowEmptyStrings, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!OptionRules.IsPresent(value, allowEmptyStrings))
        {
            throw InvalidValue(section, NonEmptyString);
        }
    }

    /// <summary>
    /// Whether the bound value of a <c>[Required]</c> member whose key is absent fails the rule: null,
    /// or an empty or white-space string unless <paramref name="allowEmptyStrings"/>.
    /// </summary>
    public static bool IsMissing(object? value, bool allowEmptyStrings) =>
        value is null || (value is string text && !OptionRules.IsPresent(text, allowEmptyStrings));

    /// <summary>
    /// Throws the binding error for a string outside the length bounds of <c>[StringLength]</c>,
    /// <c>[MinLength]</c> or <c>[MaxLength]</c> (a bound of -1 is no bound); null passes.
    /// </summary>
    public static void CheckLength(string? value, int minimum, int maximum, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is not null && OptionRules.OutsideBounds(value.Length, minimum, maximum))
        {
            throw InvalidValue(section, OptionRules.StringOfLength(minimum, maximum));
        }
    }

    /// <summary>
    /// Throws the binding error for a list or array whose item count is outside the bounds of
    /// <c>[MinLength]</c> or <c>[MaxLength]</c> (a bound of -1 is no bound).
    /// </summary>
    public static void CheckCount(int count, int minimum, int maximum, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (OptionRules.OutsideBounds(count, minimum, maximum))
        {
            var expected = OptionRules.ListOfCount(minimum, maximum);
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
        if (!OptionRules.MatchesWhole(pattern, value))
        {
            throw InvalidValue(section, OptionRules.Matching(pattern.ToString()));
        }
    }

    /// <summary>
    /// Throws the binding error for a string that is not an email address by
    /// <c>EmailAddressAttribute</c>'s rule: exactly one '@', neither first nor last, no line break; null passes.
    /// </summary>
    public static void CheckEmailAddress(string? value, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (value is not null && !OptionRules.IsEmailAddress(value))
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
}
