using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Asphalt.Trees;

namespace Asphalt.Configuration;

/// <summary>
/// The component types configuration can name (Asphalt's <c>component_types</c>, without entry
/// points or reflection): a table from alias to <see cref="ComponentTypeInfo"/>, emitted by the
/// generator or written by hand.
/// </summary>
/// <example>
/// <code>
/// var types = new ComponentTypes
/// {
///     new ComponentTypeInfo("detector", "WebNotifier.DetectorComponent", c => DetectorComponent.Create(c)),
/// };
/// </code>
/// </example>
public sealed class ComponentTypes : IEnumerable<ComponentTypeInfo>
{
    private readonly Dictionary<string, ComponentTypeInfo> _byAlias = new(StringComparer.Ordinal);
    private readonly List<ComponentTypeInfo> _ordered = [];
    private Dictionary<string, TreeType>? _trees;

    /// <summary>The registered aliases, sorted.</summary>
    public IReadOnlyList<string> Aliases => [.. _byAlias.Keys.Order(StringComparer.Ordinal)];

    /// <summary>Registers a type.</summary>
    /// <exception cref="ArgumentException">The alias is taken or not an identifier.</exception>
    public void Add(ComponentTypeInfo type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Alias.Length == 0 || !type.Alias.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '-'))
        {
            throw new ArgumentException($"Component alias '{type.Alias}' must be letters, digits, '_', '.' or '-'.", nameof(type));
        }

        if (!_byAlias.TryAdd(type.Alias, type))
        {
            throw new ArgumentException(
                $"Component alias '{type.Alias}' is registered twice ({_byAlias[type.Alias].TypeName} and {type.TypeName}); give one another alias.",
                nameof(type));
        }

        _ordered.Add(type);
    }

    /// <summary>Looks up an alias (exact case, as Asphalt's entry points).</summary>
    public bool TryGet(string alias, [MaybeNullWhen(false)] out ComponentTypeInfo type) => _byAlias.TryGetValue(alias, out type);

    /// <summary>The shared tree builder's view of an alias's type, or null.</summary>
    internal TreeType? Find(string alias)
    {
        if (!_byAlias.TryGetValue(alias, out var type))
        {
            return null;
        }

        _trees ??= new(StringComparer.Ordinal);
        if (!_trees.TryGetValue(alias, out var tree))
        {
            _trees[alias] = tree = ConfigurationTreeSection.TypeOf(type);
        }

        return tree;
    }

    /// <inheritdoc />
    public IEnumerator<ComponentTypeInfo> GetEnumerator() => _ordered.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
