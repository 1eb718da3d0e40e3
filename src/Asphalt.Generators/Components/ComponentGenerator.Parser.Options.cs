using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Asphalt.Generators.Components
{
    public sealed partial class ComponentGenerator
    {
        internal static partial class Parser
        {
            /// <summary>
            /// Options type symbols → <see cref="OptionsType"/> models: one bind method per object type
            /// reachable from the root options type. Anything it cannot bind is an error naming the member.
            /// </summary>
            internal sealed class OptionsBinderParser
            {
                private const string DataAnnotations = "System.ComponentModel.DataAnnotations.";

                private const string KeyNameAttribute = "Microsoft.Extensions.Configuration.ConfigurationKeyNameAttribute";

                private static readonly HashSet<string> ParsableTypes = new()
                {
                    "System.TimeSpan", "System.DateTimeOffset", "System.Guid", "System.DateOnly", "System.TimeOnly",
                    "System.Half", "System.Int128", "System.UInt128", "System.Net.IPAddress",
                };

                private static readonly HashSet<string> ListTypes = new()
                {
                    "System.Collections.Generic.List<T>", "System.Collections.Generic.IList<T>",
                    "System.Collections.Generic.ICollection<T>", "System.Collections.Generic.IEnumerable<T>",
                    "System.Collections.Generic.IReadOnlyList<T>", "System.Collections.Generic.IReadOnlyCollection<T>",
                };

                private static readonly HashSet<string> DictionaryTypes = new()
                {
                    "System.Collections.Generic.Dictionary<TKey, TValue>", "System.Collections.Generic.IDictionary<TKey, TValue>",
                    "System.Collections.Generic.IReadOnlyDictionary<TKey, TValue>",
                };

                private readonly Dictionary<string, OptionsType?> _visited = new();
                private readonly List<OptionsType> _order = new();
                private readonly CancellationToken _cancellationToken;

                public OptionsBinderParser(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

                public List<string> Errors { get; } = new();

                /// <summary>Validation attributes the generated binder does not check, each with where it is applied.</summary>
                public List<(string Message, Location? Location)> Warnings { get; } = new();

                /// <summary>The bind methods' types, the root first, then in discovery order.</summary>
                public IEnumerable<OptionsType> Types => _order;

                /// <summary>Registers <paramref name="type"/> and everything it reaches; returns its bind method.</summary>
                public string? Visit(ITypeSymbol type, out string? error)
                {
                    error = null;
                    if (type is not INamedTypeSymbol named || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)
                        || named.IsAbstract || named.IsStatic || named.SpecialType != SpecialType.None
                        || named.ContainingNamespace?.ToDisplayString() == "System")
                    {
                        error = "it must be a concrete class, record or struct with bindable properties";
                        return null;
                    }

                    var typeRef = TypeRefOf(named);
                    var method = "__BindOptions_" + Literals.Identifier(typeRef.FullName);
                    if (_visited.ContainsKey(typeRef.FullName))
                    {
                        return method;
                    }

                    _visited[typeRef.FullName] = null;
                    var index = _order.Count;
                    _order.Add(null!); // Keeps the root first even though members are visited before it is complete.
                    var members = new List<OptionsMember>();
                    var constructor = ChooseConstructor(named, typeRef.DisplayName);
                    var parameterNames = new HashSet<string>(System.StringComparer.OrdinalIgnoreCase);
                    if (constructor is not null)
                    {
                        foreach (var parameter in constructor.Parameters)
                        {
                            parameterNames.Add(parameter.Name);
                            var value = Value(parameter.Type, $"{typeRef.DisplayName}({parameter.Name})");
                            if (value is null)
                            {
                                continue;
                            }

                            string? defaultValue = null;
                            if (parameter.HasExplicitDefaultValue)
                            {
                                defaultValue = parameter.ExplicitDefaultValue is null
                                    ? "default"
                                    : parameter.Type.TypeKind == TypeKind.Enum
                                        ? "(" + TypeRefOf(parameter.Type).FullName + ")(" + SymbolDisplay.FormatPrimitive(parameter.ExplicitDefaultValue, true, false) + ")"
                                        : SymbolDisplay.FormatPrimitive(parameter.ExplicitDefaultValue, true, false) + Suffix(parameter.ExplicitDefaultValue);
                            }

                            members.Add(new OptionsMember(Escape(parameter.Name), KeyOf(parameter, parameter.Name), value, defaultValue is null, false, true, defaultValue,
                                RangeOf(WithProperty(parameter, named), parameter.Type, $"{typeRef.DisplayName}({parameter.Name})"),
                                IsUrl(WithProperty(parameter, named), parameter.Type, $"{typeRef.DisplayName}({parameter.Name})"),
                                ValidationOf(WithProperty(parameter, named), parameter.Type, $"{typeRef.DisplayName}({parameter.Name})")));
                        }
                    }

                    foreach (var member in AllMembers(named))
                    {
                        _cancellationToken.ThrowIfCancellationRequested();
                        if (parameterNames.Contains(member.Name))
                        {
                            continue; // A record's positional property, bound through the constructor.
                        }

                        ITypeSymbol memberType;
                        bool required;
                        bool initOnly;
                        if (member is IPropertySymbol property)
                        {
                            if (property.IsIndexer || property.SetMethod is null || property.SetMethod.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal))
                            {
                                continue;
                            }

                            memberType = property.Type;
                            required = property.IsRequired;
                            initOnly = property.SetMethod.IsInitOnly;
                        }
                        else if (member is IFieldSymbol field)
                        {
                            if (field.IsReadOnly || field.IsConst)
                            {
                                continue;
                            }

                            memberType = field.Type;
                            required = field.IsRequired;
                            initOnly = false;
                        }
                        else
                        {
                            continue;
                        }

                        var value = Value(memberType, $"{typeRef.DisplayName}.{member.Name}");
                        if (value is not null)
                        {
                            members.Add(new OptionsMember(Escape(member.Name), KeyOf(member, member.Name), value, required, initOnly || required, false, null,
                                RangeOf(member, memberType, $"{typeRef.DisplayName}.{member.Name}"),
                                IsUrl(member, memberType, $"{typeRef.DisplayName}.{member.Name}"),
                                ValidationOf(member.GetAttributes(), memberType, $"{typeRef.DisplayName}.{member.Name}")));
                        }
                    }

                    // A validation attribute on the class itself is never checked by generated binding.
                    ValidationOf(named.GetAttributes(), named, typeRef.DisplayName);
                    var validatable = named.AllInterfaces.Any(i => i.ToDisplayString() == DataAnnotations + "IValidatableObject");
                    var result = new OptionsType(typeRef, method, members.ToEquatableArray(), validatable);
                    _visited[typeRef.FullName] = result;
                    _order[index] = result;
                    return method;
                }

                // A record's positional parameter: its own attributes and those its property got
                // through [property: ...].
                private static IEnumerable<AttributeData> WithProperty(IParameterSymbol parameter, INamedTypeSymbol type) =>
                    parameter.GetAttributes().Concat(type.GetMembers(parameter.Name).OfType<IPropertySymbol>().SelectMany(p => p.GetAttributes()));

                /// <summary>The bounds of <c>[Range(min, max)]</c> on a number; an error for other uses of it.</summary>
                private RangeModel? RangeOf(ISymbol symbol, ITypeSymbol type, string where) => RangeOf(symbol.GetAttributes(), type, where);

                private bool IsUrl(ISymbol symbol, ITypeSymbol type, string where) => IsUrl(symbol.GetAttributes(), type, where);

                private RangeModel? RangeOf(IEnumerable<AttributeData> attributes, ITypeSymbol type, string where)
                {
                    var range = attributes.FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DataAnnotations.RangeAttribute");
                    if (range is null)
                    {
                        return null;
                    }

                    var number = type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable ? nullable.TypeArguments[0] : type;
                    if (number.SpecialType is not (SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Int16 or SpecialType.System_UInt16
                        or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64
                        or SpecialType.System_Single or SpecialType.System_Double or SpecialType.System_Decimal))
                    {
                        Errors.Add($"'{where}' has [Range] but is not a number; generated binding checks [Range] on numbers only");
                        return null;
                    }

                    if (range.ConstructorArguments.Length != 2
                        || range.ConstructorArguments[0].Value is not (int or double)
                        || range.ConstructorArguments[1].Value is not (int or double))
                    {
                        Errors.Add($"'{where}' has a [Range] with type and text bounds; use [Range(minimum, maximum)] with numbers");
                        return null;
                    }

                    var minimum = System.Convert.ToDouble(range.ConstructorArguments[0].Value, System.Globalization.CultureInfo.InvariantCulture);
                    var maximum = System.Convert.ToDouble(range.ConstructorArguments[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (double.IsNaN(minimum) || double.IsInfinity(minimum) || double.IsNaN(maximum) || double.IsInfinity(maximum))
                    {
                        Errors.Add($"'{where}' has a [Range] bound that is not a finite number");
                        return null;
                    }

                    if (range.NamedArguments.Any(a => a.Key is "MinimumIsExclusive" or "MaximumIsExclusive" && a.Value.Value is true))
                    {
                        Errors.Add($"'{where}' has a [Range] with an exclusive bound, which generated binding does not check; use inclusive bounds");
                        return null;
                    }

                    return new RangeModel(Bound(range.ConstructorArguments[0].Value!), Bound(range.ConstructorArguments[1].Value!));

                    static string Bound(object value) => System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture)
                        .ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                }

                /// <summary>Whether <c>[Url]</c> is on a <c>Uri</c> or <c>string</c>; an error elsewhere.</summary>
                private bool IsUrl(IEnumerable<AttributeData> attributes, ITypeSymbol type, string where)
                {
                    if (!attributes.Any(a => a.AttributeClass?.ToDisplayString() == "System.ComponentModel.DataAnnotations.UrlAttribute"))
                    {
                        return false;
                    }

                    if (type.SpecialType == SpecialType.System_String || type.ToDisplayString() is "System.Uri" or "System.Uri?")
                    {
                        return true;
                    }

                    Errors.Add($"'{where}' has [Url] but is neither a Uri nor a string");
                    return false;
                }

                /// <summary>
                /// The DataAnnotations rules on a member that generated binding checks besides <c>[Range]</c> and
                /// <c>[Url]</c>; an error for a rule on a type it does not apply to, and a warning for any other
                /// validation attribute, which would otherwise be silently ignored.
                /// </summary>
                private ValidationModel? ValidationOf(IEnumerable<AttributeData> attributes, ITypeSymbol type, string where)
                {
                    var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                    var isString = plain.SpecialType == SpecialType.System_String;
                    var isCollection = plain is IArrayTypeSymbol || ListTypes.Contains(plain.OriginalDefinition.ToDisplayString());
                    var required = false;
                    var allowEmptyStrings = false;
                    var email = false;
                    var minimum = -1;
                    var maximum = -1;
                    string? pattern = null;
                    foreach (var attribute in attributes)
                    {
                        var name = attribute.AttributeClass?.ToDisplayString();
                        var arguments = attribute.ConstructorArguments;
                        switch (name)
                        {
                            case DataAnnotations + "RangeAttribute":
                            case DataAnnotations + "UrlAttribute":
                            case DataAnnotations + "DataTypeAttribute": // Describes the value for UI; validates nothing.
                                continue;
                            case DataAnnotations + "RequiredAttribute":
                                required = true;
                                allowEmptyStrings = Named(attribute, "AllowEmptyStrings") is true;
                                continue;
                            case DataAnnotations + "StringLengthAttribute" when arguments.Length == 1 && arguments[0].Value is int stringMaximum:
                                if (!isString)
                                {
                                    Errors.Add($"'{where}' has [StringLength] but is not a string");
                                    continue;
                                }

                                maximum = stringMaximum;
                                minimum = Named(attribute, "MinimumLength") is int stringMinimum and > 0 ? stringMinimum : -1;
                                continue;
                            case DataAnnotations + "MinLengthAttribute" when arguments.Length == 1 && arguments[0].Value is int length:
                                if (!isString && !isCollection)
                                {
                                    Errors.Add($"'{where}' has [MinLength] but is neither a string nor a list or array");
                                    continue;
                                }

                                minimum = length;
                                continue;
                            case DataAnnotations + "MaxLengthAttribute":
                                if (!isString && !isCollection)
                                {
                                    Errors.Add($"'{where}' has [MaxLength] but is neither a string nor a list or array");
                                    continue;
                                }

                                // [MaxLength] without a length allows any length, as in .NET.
                                maximum = arguments.Length == 1 && arguments[0].Value is int maxLength ? maxLength : -1;
                                continue;
                            case DataAnnotations + "RegularExpressionAttribute" when arguments.Length == 1 && arguments[0].Value is string regex:
                                if (!isString)
                                {
                                    Errors.Add($"'{where}' has [RegularExpression] but is not a string");
                                    continue;
                                }

                                if (!IsValidPattern(regex))
                                {
                                    Errors.Add($"'{where}' has a [RegularExpression] whose pattern does not parse");
                                    continue;
                                }

                                pattern = regex;
                                continue;
                            case DataAnnotations + "EmailAddressAttribute":
                                if (!isString)
                                {
                                    Errors.Add($"'{where}' has [EmailAddress] but is not a string");
                                    continue;
                                }

                                email = true;
                                continue;
                        }

                        if (IsValidationAttribute(attribute.AttributeClass))
                        {
                            Warnings.Add(($"'{where}' has [{ShortName(attribute.AttributeClass!)}], which generated options binding cannot check; it is not enforced", attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation()));
                        }
                    }

                    return required || minimum >= 0 || maximum >= 0 || pattern is not null || email
                        ? new ValidationModel(required, allowEmptyStrings, minimum, maximum, pattern, email, isCollection)
                        : null;

                    static object? Named(AttributeData attribute, string name) =>
                        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value;

                    static string ShortName(INamedTypeSymbol attribute) =>
                        attribute.Name.EndsWith("Attribute", System.StringComparison.Ordinal) ? attribute.Name.Substring(0, attribute.Name.Length - "Attribute".Length) : attribute.Name;
                }

                // Any attribute deriving from ValidationAttribute: the ones the binder does not know are warned about.
                private static bool IsValidationAttribute(INamedTypeSymbol? attribute)
                {
                    for (var current = attribute; current is not null; current = current.BaseType)
                    {
                        if (current.ToDisplayString() == DataAnnotations + "ValidationAttribute")
                        {
                            return true;
                        }
                    }

                    return false;
                }

                // The same parser as at run time, so a pattern that would throw there is a build error here.
                private static bool IsValidPattern(string pattern)
                {
                    try
                    {
                        _ = new System.Text.RegularExpressions.Regex(pattern);
                        return true;
                    }
                    catch (System.ArgumentException)
                    {
                        return false;
                    }
                }

                private static string Suffix(object value) => value switch
                {
                    float => "F",
                    decimal => "M",
                    _ => string.Empty,
                };

                private IMethodSymbol? ChooseConstructor(INamedTypeSymbol type, string display)
                {
                    var constructors = type.InstanceConstructors
                        .Where(c => c.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
                        .Where(c => !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, type))) // record copy constructor
                        .ToList();
                    if (constructors.Any(c => c.Parameters.Length == 0))
                    {
                        return null;
                    }

                    if (constructors.Count == 1)
                    {
                        return constructors[0];
                    }

                    Errors.Add($"'{display}' needs a public parameterless constructor or exactly one public constructor");
                    return null;
                }

                private static IEnumerable<ISymbol> AllMembers(INamedTypeSymbol type)
                {
                    var seen = new HashSet<string>();
                    for (var current = type; current is not null && current.SpecialType != SpecialType.System_Object && current.SpecialType != SpecialType.System_ValueType; current = current.BaseType)
                    {
                        foreach (var member in current.GetMembers())
                        {
                            if (member.IsStatic || member.IsImplicitlyDeclared || member.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal)
                                || member is not (IPropertySymbol or IFieldSymbol) || !seen.Add(member.Name)
                                || member.Name == "EqualityContract")
                            {
                                continue;
                            }

                            yield return member;
                        }
                    }
                }

                private static string KeyOf(ISymbol symbol, string name)
                {
                    foreach (var attribute in symbol.GetAttributes())
                    {
                        if (attribute.AttributeClass?.ToDisplayString() == KeyNameAttribute
                            && attribute.ConstructorArguments.Length == 1
                            && attribute.ConstructorArguments[0].Value is string key)
                        {
                            return key;
                        }
                    }

                    return name;
                }

                private ValueModel? Value(ITypeSymbol type, string where)
                {
                    if (type.TypeKind == TypeKind.Error)
                    {
                        Errors.Add($"'{where}' has a type that does not compile");
                        return null;
                    }

                    var plain = type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
                    var typeRef = TypeRefOf(plain);
                    switch (plain.SpecialType)
                    {
                        case SpecialType.System_Boolean:
                            return Scalar(ValueKind.Boolean, typeRef, "Boolean");
                        case SpecialType.System_String:
                            return Scalar(ValueKind.String, typeRef, "String");
                        case SpecialType.System_Char:
                        case SpecialType.System_SByte:
                        case SpecialType.System_Byte:
                        case SpecialType.System_Int16:
                        case SpecialType.System_UInt16:
                        case SpecialType.System_Int32:
                        case SpecialType.System_UInt32:
                        case SpecialType.System_Int64:
                        case SpecialType.System_UInt64:
                        case SpecialType.System_Single:
                        case SpecialType.System_Double:
                        case SpecialType.System_Decimal:
                        case SpecialType.System_DateTime:
                            return Scalar(ValueKind.Parsable, typeRef, plain.Name);
                    }

                    var original = plain.OriginalDefinition.ToDisplayString();
                    if (ParsableTypes.Contains(original))
                    {
                        return Scalar(ValueKind.Parsable, typeRef, plain.Name);
                    }

                    if (original == "System.Uri")
                    {
                        return Scalar(ValueKind.Uri, typeRef, "Uri");
                    }

                    if (plain.TypeKind == TypeKind.Enum)
                    {
                        var names = plain.GetMembers().OfType<IFieldSymbol>().Where(f => f.HasConstantValue).Select(f => f.Name).ToList();
                        return new ValueModel(ValueKind.Enum, typeRef, $"{plain.Name} (one of: {string.Join(", ", names)})", null, names.ToEquatableArray(), null);
                    }

                    if (plain is IArrayTypeSymbol array)
                    {
                        if (array.Rank != 1)
                        {
                            Errors.Add($"'{where}' is a multi-dimensional array; use a one-dimensional array or a list");
                            return null;
                        }

                        return Element(ValueKind.Array, typeRef, array.ElementType, where);
                    }

                    if (plain is INamedTypeSymbol named)
                    {
                        if (named.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T)
                        {
                            return Element(ValueKind.Nullable, typeRef, named.TypeArguments[0], where);
                        }

                        if (ListTypes.Contains(original))
                        {
                            return Element(ValueKind.List, typeRef, named.TypeArguments[0], where);
                        }

                        if (DictionaryTypes.Contains(original))
                        {
                            if (named.TypeArguments[0].SpecialType != SpecialType.System_String)
                            {
                                Errors.Add($"'{where}' is a dictionary whose keys are not strings; configuration keys are strings");
                                return null;
                            }

                            return Element(ValueKind.Dictionary, typeRef, named.TypeArguments[1], where);
                        }

                        if (named.TypeKind is TypeKind.Class or TypeKind.Struct && !named.IsAbstract
                            && named.ContainingNamespace?.ToDisplayString() is not ("System" or "System.Collections.Generic"))
                        {
                            var method = Visit(named, out var error);
                            if (method is null)
                            {
                                Errors.Add($"'{where}': {error}");
                                return null;
                            }

                            return new ValueModel(ValueKind.Object, typeRef, named.Name, null, EquatableArray<string>.Empty, method);
                        }
                    }

                    Errors.Add($"'{where}' is of type '{typeRef.DisplayName}', which cannot be bound (supported: primitives, enums, string, TimeSpan, Guid, dates, Uri, nullable, arrays, lists, string-keyed dictionaries and nested options classes)");
                    return null;
                }

                private ValueModel? Element(ValueKind kind, TypeRef typeRef, ITypeSymbol elementType, string where)
                {
                    var element = Value(elementType, where + "[]");
                    return element is null
                        ? null
                        : new ValueModel(kind, typeRef, kind == ValueKind.Nullable ? element.Expected : typeRef.DisplayName, element, EquatableArray<string>.Empty, null);
                }

                private static ValueModel Scalar(ValueKind kind, TypeRef typeRef, string expected) =>
                    new(kind, typeRef, expected, null, EquatableArray<string>.Empty, null);
            }
        }
    }
}
