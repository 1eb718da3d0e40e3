using Asphalt.Generators.Common;

namespace Asphalt.Generators.Models
{
    /// <summary>What kind of value a configuration key holds.</summary>
    internal enum ValueKind
    {
        /// <summary>An <c>IParsable&lt;T&gt;</c> type (numbers, TimeSpan, Guid, dates...).</summary>
        Parsable,
        Boolean,
        String,
        Uri,
        Enum,
        Nullable,
        Array,
        List,
        Dictionary,
        Object,
    }

    /// <summary>How to read one value from a configuration section (recursive for collections).</summary>
    /// <param name="Kind">The kind of value.</param>
    /// <param name="Type">The C# type.</param>
    /// <param name="Expected">The readable expected type for error messages.</param>
    /// <param name="Element">The element (collections), value (dictionaries) or underlying (nullable) value.</param>
    /// <param name="EnumMembers">The member names of an enum.</param>
    /// <param name="BindMethod">For objects: the generated bind method.</param>
    internal sealed record ValueModel(
        ValueKind Kind,
        TypeRef Type,
        string Expected,
        ValueModel? Element,
        EquatableArray<string> EnumMembers,
        string? BindMethod);

    /// <summary>A bindable member or constructor parameter of an options type.</summary>
    /// <param name="Name">The member or parameter name.</param>
    /// <param name="Key">The configuration key.</param>
    /// <param name="Value">How to read it.</param>
    /// <param name="Required">A <c>required</c> member or a constructor parameter without default: missing is an error.</param>
    /// <param name="InitOnly">Settable only in an object initializer.</param>
    /// <param name="IsConstructorParameter">A constructor parameter.</param>
    /// <param name="DefaultValue">For optional constructor parameters: the default's C# expression.</param>
    /// <param name="Range">The bounds of <c>[Range]</c> on a number, if any.</param>
    /// <param name="AbsoluteUrl"><c>[Url]</c>: the value must be an absolute http, https or ftp URL.</param>
    /// <param name="Validation">The other DataAnnotations rules on the member, if any.</param>
    internal sealed record OptionsMember(
        string Name,
        string Key,
        ValueModel Value,
        bool Required,
        bool InitOnly,
        bool IsConstructorParameter,
        string? DefaultValue,
        RangeModel? Range = null,
        bool AbsoluteUrl = false,
        ValidationModel? Validation = null);

    /// <summary>
    /// A number's allowed range from <c>System.ComponentModel.DataAnnotations.RangeAttribute</c>,
    /// checked by generated binding. The bounds are invariant-culture text (<c>1</c>, <c>0.5</c>).
    /// </summary>
    internal sealed record RangeModel(string Minimum, string Maximum);

    /// <summary>
    /// The DataAnnotations rules on one options member that generated binding checks, as .NET's
    /// attributes define them. A length bound of -1 is no bound.
    /// </summary>
    /// <param name="Required"><c>[Required]</c>: not null, and for strings not empty or white space.</param>
    /// <param name="AllowEmptyStrings"><c>[Required(AllowEmptyStrings = true)]</c>.</param>
    /// <param name="MinimumLength"><c>[StringLength(MinimumLength = n)]</c> or <c>[MinLength(n)]</c>.</param>
    /// <param name="MaximumLength"><c>[StringLength(n)]</c> or <c>[MaxLength(n)]</c>.</param>
    /// <param name="Pattern"><c>[RegularExpression(pattern)]</c>: the whole value must match.</param>
    /// <param name="EmailAddress"><c>[EmailAddress]</c>: one '@', neither first nor last.</param>
    /// <param name="IsCollection">The member is a list or array: lengths count items, not characters.</param>
    internal sealed record ValidationModel(
        bool Required,
        bool AllowEmptyStrings,
        int MinimumLength,
        int MaximumLength,
        string? Pattern,
        bool EmailAddress,
        bool IsCollection)
    {
        /// <summary>Whether a length bound is set.</summary>
        public bool HasLength => MinimumLength >= 0 || MaximumLength >= 0;
    }

    /// <summary>An options type and the bind method generated for it.</summary>
    /// <param name="Type">The options type.</param>
    /// <param name="BindMethod">The generated bind method's name.</param>
    /// <param name="Members">The bindable members.</param>
    /// <param name="Validatable">The type implements <c>IValidatableObject</c>: the binder calls <c>Validate</c>.</param>
    internal sealed record OptionsType(TypeRef Type, string BindMethod, EquatableArray<OptionsMember> Members, bool Validatable = false);
}
