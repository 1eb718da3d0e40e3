using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Asphalt.Generators.Packages
{
    /// <summary>
    /// The manifest's token text: each value is <c>length:text</c>, <c>~</c> for null. Length-prefixed
    /// rather than delimited, so type names, descriptions and default values need no escaping.
    /// </summary>
    internal sealed class ManifestWriter
    {
        private readonly StringBuilder _text = new();

        public ManifestWriter String(string? value)
        {
            if (value is null)
            {
                _text.Append('~');
            }
            else
            {
                _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            }

            return this;
        }

        public ManifestWriter Int(int value) => String(value.ToString(CultureInfo.InvariantCulture));

        public ManifestWriter Bool(bool value) => String(value ? "1" : "0");

        /// <summary>A list: its count, then each item as <paramref name="write"/> writes it.</summary>
        public ManifestWriter List<T>(IReadOnlyList<T> items, Action<ManifestWriter, T> write)
        {
            Int(items.Count);
            foreach (var item in items)
            {
                write(this, item);
            }

            return this;
        }

        /// <summary>An optional value: a presence flag, then the value.</summary>
        public ManifestWriter Optional<T>(T? value, Action<ManifestWriter, T> write)
            where T : class
        {
            Bool(value is not null);
            if (value is not null)
            {
                write(this, value);
            }

            return this;
        }

        public override string ToString() => _text.ToString();
    }

    /// <summary>Reads what <see cref="ManifestWriter"/> wrote; any malformed text throws <see cref="FormatException"/>.</summary>
    internal sealed class ManifestReader
    {
        private readonly string _text;
        private int _position;

        public ManifestReader(string text) => _text = text;

        public bool AtEnd => _position == _text.Length;

        /// <summary>The manifest's format version, once read: fields added later are absent from older ones.</summary>
        public int Version { get; set; }

        /// <summary>A field added in format <paramref name="version"/>: read when the manifest has it, else its default.</summary>
        public T? Since<T>(int version, Func<ManifestReader, T> read) =>
            Version >= version ? read(this) : default;

        public string? NullableString()
        {
            if (_position < _text.Length && _text[_position] == '~')
            {
                _position++;
                return null;
            }

            var colon = _text.IndexOf(':', _position);
            if (colon < 0 || !int.TryParse(_text.Substring(_position, colon - _position), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
                || length > _text.Length - colon - 1)
            {
                throw new FormatException($"malformed component manifest at offset {_position}");
            }

            _position = colon + 1 + length;
            return _text.Substring(colon + 1, length);
        }

        public string String() => NullableString() ?? throw new FormatException($"unexpected null in component manifest before offset {_position}");

        public int Int() => int.TryParse(String(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"malformed number in component manifest before offset {_position}");

        public bool Bool() => String() switch
        {
            "1" => true,
            "0" => false,
            _ => throw new FormatException($"malformed flag in component manifest before offset {_position}"),
        };

        /// <summary>An enum value written with <see cref="ManifestWriter.Int"/>, checked against its defined values.</summary>
        public TEnum Enum<TEnum>()
            where TEnum : struct, Enum
        {
            var value = Int();
            var result = (TEnum)(object)value;
            return System.Enum.IsDefined(typeof(TEnum), result) ? result : throw new FormatException($"unknown {typeof(TEnum).Name} {value} in component manifest");
        }

        public List<T> List<T>(Func<ManifestReader, T> read)
        {
            var count = Int();
            if (count < 0 || count > _text.Length)
            {
                throw new FormatException($"malformed list length {count} in component manifest");
            }

            var items = new List<T>(count);
            for (var i = 0; i < count; i++)
            {
                items.Add(read(this));
            }

            return items;
        }

        public T? Optional<T>(Func<ManifestReader, T> read)
            where T : class =>
            Bool() ? read(this) : null;
    }
}
