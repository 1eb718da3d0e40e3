using System.Collections;
using System.Reflection;
using Asphalt.Generators.Common;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Tests.Packages;

/// <summary>
/// Builds a model record with every field set to a value other than its default, recursively: its
/// widest constructor's parameters, then any init-only property the constructor does not set. A
/// field added to a model record is filled without editing the tests that use this.
/// </summary>
internal static class EveryFieldSet
{
    public static object Create(Type type) => Value(type, type.Name, [])!;

    /// <param name="outer">The records being built around this value: one holding its own type (ValueModel.Element) nests once.</param>
    private static object? Value(Type type, string name, IReadOnlyList<Type> outer)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return Value(underlying, name, outer);
        }

        if (type == typeof(string))
        {
            return name + "\"~:1";
        }

        if (type == typeof(bool))
        {
            return true;
        }

        if (type == typeof(int))
        {
            return 7;
        }

        if (type.IsEnum)
        {
            return Enum.GetValues(type).Cast<object>().Last(); // Never the first (default) member.
        }

        if (type == typeof(TextSpan))
        {
            return new TextSpan(1, 2);
        }

        if (type == typeof(LinePositionSpan))
        {
            return new LinePositionSpan(new LinePosition(1, 2), new LinePosition(3, 4));
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
        {
            var element = type.GetGenericArguments()[0];
            var items = Array.CreateInstance(element, 1);
            items.SetValue(Value(element, name + "Item", outer), 0);
            return Activator.CreateInstance(type, items);
        }

        if (type.IsClass)
        {
            return outer.Count(t => t == type) > 1 ? null : Record(type, [.. outer, type]);
        }

        throw new NotSupportedException($"no non-default value for {type} ({name})");
    }

    private static object Record(Type type, IReadOnlyList<Type> outer)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p => Value(p.ParameterType, p.Name!, outer)).ToArray();
        var record = constructor.Invoke(arguments);
        var set = constructor.GetParameters().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.CanWrite && property.GetIndexParameters().Length == 0 && !set.Contains(property.Name) && property.Name != "EqualityContract")
            {
                property.SetValue(record, Value(property.PropertyType, property.Name, outer));
            }
        }

        return record;
    }
}
