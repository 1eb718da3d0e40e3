using System.Collections;
using System.Reflection;
using Asphalt.Generators.Common;
using Asphalt.Generators.Models;
using Asphalt.Generators.Tests.Harness;
using Microsoft.CodeAnalysis;

namespace Asphalt.Generators.Tests.Pipeline;

/// <summary>
/// Pipeline models must hold no symbol, syntax, location or compilation: those are not equatable and
/// would root whole compilations in the IDE. Checked on the types and on real pipeline outputs.
/// </summary>
public sealed class ModelPurityTests
{
    private static readonly Type[] Forbidden =
        [typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(Location), typeof(Compilation), typeof(SemanticModel), typeof(AttributeData)];

    [Fact]
    public void Model_types_declare_no_roslyn_object()
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>(typeof(ComponentModel).Assembly.GetTypes().Where(t => t.Namespace == typeof(ComponentModel).Namespace));
        while (queue.TryDequeue(out var type))
        {
            if (!seen.Add(type) || type.IsPrimitive || type == typeof(string) || type.IsEnum)
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
            {
                var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                Assert.False(Forbidden.Any(f => f.IsAssignableFrom(propertyType)), $"{type.Name}.{property.Name} is a {propertyType.Name}");
                if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(EquatableArray<>))
                {
                    queue.Enqueue(propertyType.GetGenericArguments()[0]);
                }
                else if (propertyType.Namespace == typeof(ComponentModel).Namespace)
                {
                    queue.Enqueue(propertyType);
                }
            }
        }

        Assert.Contains(typeof(ComponentModel), seen);
        Assert.Contains(typeof(OptionsType), seen);
    }

    [Fact]
    public void Pipeline_outputs_contain_no_roslyn_object()
    {
        var result = GeneratorHarness.Generate(GeneratorHarness.Compile(TestSources.App)).Run;
        var visited = new HashSet<object>(ReferenceEqualityComparer.Instance);
        // Our named steps only: Roslyn's own FAWMN steps legitimately carry syntax trees.
        var ours = typeof(TrackingNames).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetValue(null)!).ToHashSet();
        foreach (var (name, steps) in result.TrackedSteps.Where(s => ours.Contains(s.Key)))
        {
            foreach (var step in steps)
            {
                foreach (var (value, _) in step.Outputs)
                {
                    Walk(value, name, visited);
                }
            }
        }

        Assert.Contains(visited, v => v is ComponentModel);
        Assert.Contains(visited, v => v is WiringModel);
    }

    private static void Walk(object? value, string path, HashSet<object> visited)
    {
        if (value is null || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            return;
        }

        Assert.False(Forbidden.Any(f => f.IsInstanceOfType(value)), $"{path} holds a {value.GetType().Name}");
        if (!value.GetType().IsValueType && !visited.Add(value))
        {
            return;
        }

        if (value is IEnumerable items)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, $"{path}[{i++}]", visited);
            }

            return;
        }

        if (value.GetType().Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true)
        {
            return; // TextSpan, LinePositionSpan: plain values.
        }

        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            Walk(property.GetValue(value), path + "." + property.Name, visited);
        }

        foreach (var field in value.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
        {
            Walk(field.GetValue(value), path + "." + field.Name, visited);
        }
    }
}
