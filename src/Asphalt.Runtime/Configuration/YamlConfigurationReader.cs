using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Asphalt.Configuration;

/// <summary>
/// Reads one configuration file, YAML or JSON (JSON is YAML, so one parser serves both), into a
/// <see cref="ConfigNode"/> tree that remembers the line of every key. Applies substitutions and
/// Asphalt's <c>!Env</c>/<c>!TextFile</c> tags, resolves anchors, aliases and <c>&lt;&lt;</c> merge keys,
/// and collects every problem instead of stopping at the first.
/// </summary>
internal sealed class YamlConfigurationReader
{
    private readonly string _source;
    private readonly string? _baseDirectory;
    private readonly Func<string, string?> _environment;
    private readonly List<ConfigurationError> _errors;
    private readonly Dictionary<string, (ConfigNode Node, int Size, int Height)> _anchors = new(StringComparer.Ordinal);

    // Set for a --set value: it has no lines of its own, so every node is located at the argument.
    private readonly SourceLocation? _fixedLocation;
    private IParser _parser = null!;
    private int _aliasCopies;

    private YamlConfigurationReader(
        string source, string? baseDirectory, Func<string, string?> environment, List<ConfigurationError> errors, SourceLocation? fixedLocation = null)
    {
        _source = source;
        _baseDirectory = baseDirectory;
        _environment = environment;
        _errors = errors;
        _fixedLocation = fixedLocation;
    }

    /// <summary>Reads a file; a missing, unreadable, oversized or wrongly encoded file is one error.</summary>
    public static ConfigMapping? ReadFile(string path, Func<string, string?> environment, List<ConfigurationError> errors)
    {
        var text = ConfigurationFileText.Read(path, errors);
        return text is null ? null : ReadText(text, path, Path.GetDirectoryName(Path.GetFullPath(path)), environment, errors);
    }

    /// <summary>Reads configuration text; <paramref name="source"/> names it in errors.</summary>
    public static ConfigMapping? ReadText(
        string text, string source, string? baseDirectory, Func<string, string?> environment, List<ConfigurationError> errors)
    {
        var reader = new YamlConfigurationReader(source, baseDirectory, environment, errors);
        return reader.Read(text);
    }

    /// <summary>Parses one value the way <c>--set</c> does: a YAML scalar or flow collection, at <paramref name="path"/>.</summary>
    public static ConfigNode? ReadValue(
        string text, SourceLocation location, Func<string, string?> environment, List<ConfigurationError> errors, IReadOnlyList<string> path)
    {
        var reader = new YamlConfigurationReader(location.Source, null, environment, errors, location);
        try
        {
            reader._parser = new Parser(new StringReader(text));
            reader._parser.Consume<StreamStart>();
            if (reader._parser.Accept<StreamEnd>(out _))
            {
                return new ConfigScalar(location, null);
            }

            reader._parser.Consume<DocumentStart>();
            return reader.ReadNode([.. path]);
        }
        catch (Exception failure) when (failure is YamlException or InvalidOperationException)
        {
            errors.Add(new ConfigurationError(location, KeyPath.Join(path), $"the value is not valid YAML ({failure.Message}); quote it"));
            return null;
        }
        catch (StopReading)
        {
            return null;
        }
    }

    private ConfigMapping? Read(string text)
    {
        try
        {
            _parser = new Parser(new StringReader(text));
            _parser.Consume<StreamStart>();
            if (_parser.Accept<StreamEnd>(out _))
            {
                return new ConfigMapping(new SourceLocation(_source, 1, 1)); // An empty file configures nothing.
            }

            var document = _parser.Consume<DocumentStart>();
            var root = ReadNode([]);
            _parser.Consume<DocumentEnd>();
            if (!_parser.Accept<StreamEnd>(out _))
            {
                Error(Here(_parser.Current!), [], "the file has more than one YAML document ('---'); put everything in one");
            }

            switch (root)
            {
                case ConfigMapping mapping:
                    return mapping;
                case ConfigScalar { Value: null }:
                    return new ConfigMapping(Here(document));
                default:
                    Error(root.Location, [], $"the top level must be a mapping of keys to values, not {ConfigScalar.Describe(root)}");
                    return null;
            }
        }
        catch (YamlException failure)
        {
            // The parser cannot continue after a syntax error; this file contributes one error.
            var location = new SourceLocation(_source, (int)failure.Start.Line, (int)failure.Start.Column);
            _errors.Add(new ConfigurationError(location, "", $"syntax error: {Simplify(failure)}"));
            return null;
        }
        catch (InvalidOperationException failure)
        {
            // YamlDotNet's scanner throws this on some malformed input, with no position: use the last event's.
            var mark = _parser?.Current?.Start;
            var location = mark is null ? new SourceLocation(_source) : new SourceLocation(_source, (int)mark.Value.Line, (int)mark.Value.Column);
            _errors.Add(new ConfigurationError(location, "", $"syntax error after this point: the YAML is malformed ({failure.Message}); check brackets, quotes and indentation"));
            return null;
        }
        catch (StopReading)
        {
            return null;
        }
    }

    private static string Simplify(YamlException failure)
    {
        var message = failure.InnerException?.Message ?? failure.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line:", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }

    private ConfigNode ReadNode(List<string> path)
    {
        // Checked before going deeper, so hostile nesting cannot overflow the stack (ours, Flatten's or
        // YamlDotNet's: it scans lazily, so it never sees what lies past this point).
        if (path.Count > ConfigurationLimits.MaxDepth)
        {
            Stop(Here(_parser.Current!), path, ConfigurationLimits.TooDeep);
        }

        if (_parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (_anchors.TryGetValue(alias.Value.Value, out var anchored))
            {
                if (path.Count + anchored.Height > ConfigurationLimits.MaxDepth)
                {
                    Stop(Here(alias), path, ConfigurationLimits.TooDeep);
                }

                // Each alias copies its anchor's whole tree: bounded, or aliases of aliases explode (billion laughs).
                _aliasCopies += anchored.Size;
                if (_aliasCopies > ConfigurationLimits.MaxAliasExpansion)
                {
                    Stop(Here(alias), path, ConfigurationLimits.TooManyAliasCopies);
                }

                return anchored.Node.Clone();
            }

            Error(Here(alias), path, $"the alias '*{alias.Value.Value}' refers to no anchor defined before it");
            return new ConfigScalar(Here(alias), null);
        }

        ConfigNode node;
        NodeEvent start;
        if (_parser.TryConsume<Scalar>(out var scalar))
        {
            start = scalar;
            node = ReadScalar(scalar, path);
        }
        else if (_parser.TryConsume<SequenceStart>(out var sequenceStart))
        {
            start = sequenceStart;
            var sequence = new ConfigSequence(Here(sequenceStart));
            while (!_parser.TryConsume<SequenceEnd>(out _))
            {
                path.Add(sequence.Items.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
                sequence.Items.Add(ReadNode(path));
                path.RemoveAt(path.Count - 1);
            }

            node = sequence;
        }
        else
        {
            var mappingStart = _parser.Consume<MappingStart>();
            start = mappingStart;
            node = ReadMapping(mappingStart, path);
        }

        if (!start.Anchor.IsEmpty)
        {
            var (size, height) = Measure(node);
            _anchors[start.Anchor.Value] = (node, size, height);
        }

        return node;
    }

    private ConfigMapping ReadMapping(MappingStart start, List<string> path)
    {
        var mapping = new ConfigMapping(Here(start));
        List<ConfigMapping>? merged = null;
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            var keyLocation = Here(keyEvent);
            if (!_parser.TryConsume<Scalar>(out var keyScalar))
            {
                Error(keyLocation, path, "a key must be a plain string, not a list or mapping");
                SkipNode();
                SkipNode();
                continue;
            }

            var key = keyScalar.Value;
            path.Add(key);
            var value = ReadNode(path);
            if (key == "<<" && keyScalar.Style == ScalarStyle.Plain)
            {
                // YAML merge key: the referenced mappings provide defaults; keys written here win.
                merged ??= [];
                if (value is ConfigMapping single)
                {
                    merged.Add(single);
                }
                else if (value is ConfigSequence several && several.Items.TrueForAll(i => i is ConfigMapping))
                {
                    merged.AddRange(several.Items.Cast<ConfigMapping>());
                }
                else
                {
                    Error(keyLocation, path, "'<<' (merge key) needs a mapping or a list of mappings, such as '<<: *defaults'");
                }
            }
            else if (key.Trim().Length == 0)
            {
                Error(keyLocation, path, "a key is empty");
            }
            else if (key.Contains(':', StringComparison.Ordinal))
            {
                Error(keyLocation, path, "a key cannot contain ':' (configuration uses it to separate levels); nest a mapping instead");
            }
            else if (mapping.Entries.ContainsKey(key))
            {
                var first = mapping.LocationOf(key);
                Error(keyLocation, path, $"duplicate key (first written at line {first.Line}; keys compare ignoring case): keep one");
            }
            else
            {
                mapping.Set(key, value, keyLocation);
            }

            path.RemoveAt(path.Count - 1);
        }

        if (merged is not null)
        {
            foreach (var source in merged)
            {
                foreach (var (key, value) in source.Entries)
                {
                    if (!mapping.Entries.ContainsKey(key))
                    {
                        mapping.Set(key, value.Clone(), source.LocationOf(key));
                    }
                }
            }
        }

        return mapping;
    }

    private ConfigScalar ReadScalar(Scalar scalar, List<string> path)
    {
        var location = Here(scalar);
        string? value = scalar.Value;
        if (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && value is "" or "~" or "null" or "Null" or "NULL")
        {
            value = null;
        }

        if (!scalar.Tag.IsEmpty && !scalar.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            var tagged = Substitution.ApplyTag(scalar.Tag.Value, scalar.Value, _baseDirectory, _environment);
            if (tagged.Error is not null)
            {
                Error(location, path, tagged.Error);
                return new ConfigScalar(location, null, isSecret: true);
            }

            return new ConfigScalar(location, tagged.Value, isSecret: true, tagged.SecretMaterial);
        }

        if (value is null)
        {
            return new ConfigScalar(location, null);
        }

        var result = Substitution.Apply(value, _baseDirectory, _environment);
        if (result.Error is not null)
        {
            Error(location, path, result.Error);
            return new ConfigScalar(location, null, isSecret: true);
        }

        return new ConfigScalar(location, result.Value, result.IsSecret, result.SecretMaterial);
    }

    private void SkipNode()
    {
        if (_parser.TryConsume<Scalar>(out _) || _parser.TryConsume<AnchorAlias>(out _))
        {
            return;
        }

        var depth = 0;
        do
        {
            var current = _parser.Current;
            if (current is MappingStart or SequenceStart)
            {
                depth++;
            }
            else if (current is MappingEnd or SequenceEnd)
            {
                depth--;
            }

            _parser.MoveNext();
        }
        while (depth > 0);
    }

    /// <summary>The number of nodes in <paramref name="node"/>'s tree, and how many levels it adds (at most <see cref="ConfigurationLimits.MaxDepth"/>).</summary>
    private static (int Size, int Height) Measure(ConfigNode node)
    {
        var children = node switch
        {
            ConfigMapping mapping => mapping.Entries.Values,
            ConfigSequence sequence => (IEnumerable<ConfigNode>)sequence.Items,
            _ => [],
        };
        var (size, height) = (1, 0);
        foreach (var child in children)
        {
            var (childSize, childHeight) = Measure(child);
            size += childSize;
            height = Math.Max(height, childHeight + 1);
        }

        return (size, height);
    }

    private SourceLocation Here(ParsingEvent parsingEvent) =>
        _fixedLocation ?? new(_source, (int)parsingEvent.Start.Line, (int)parsingEvent.Start.Column);

    private void Error(SourceLocation location, List<string> path, string message) =>
        _errors.Add(new ConfigurationError(location, KeyPath.Join(path), message));

    /// <summary>Reports a limit exceeded and stops reading: going on is what the limit prevents.</summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private void Stop(SourceLocation location, List<string> path, string message)
    {
        Error(location, path, message);
        throw new StopReading();
    }

    private sealed class StopReading : Exception;
}
