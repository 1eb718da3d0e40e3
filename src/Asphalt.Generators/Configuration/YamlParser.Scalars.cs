using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Asphalt.Generators.Configuration
{
    /// <summary>Quoted and block scalars.</summary>
    internal sealed partial class YamlParser
    {
        private string ReadQuoted()
        {
            var quote = Current;
            var start = _pos;
            _pos++;
            var builder = new StringBuilder();
            while (true)
            {
                if (AtEnd)
                {
                    throw Error($"the quoted string is not closed: add the closing {quote}", start);
                }

                var c = Current;
                if (c == quote)
                {
                    if (quote == '\'' && Peek(1) == '\'')
                    {
                        builder.Append('\'');
                        _pos += 2;
                        continue;
                    }

                    _pos++;
                    return builder.ToString();
                }

                if (c == '\\' && quote == '"')
                {
                    ReadEscape(builder);
                    continue;
                }

                if (IsBreak(c))
                {
                    // Folding: a line break becomes a space, an empty line a line break.
                    while (builder.Length > 0 && IsBlank(builder[builder.Length - 1]))
                    {
                        builder.Length--;
                    }

                    var breaks = 0;
                    while (!AtEnd && IsBlankOrBreak(Current))
                    {
                        if (Current == '\n')
                        {
                            breaks++;
                        }

                        _pos++;
                    }

                    builder.Append(breaks > 1 ? new string('\n', breaks - 1) : " ");
                    continue;
                }

                builder.Append(c);
                _pos++;
            }
        }

        private void ReadEscape(StringBuilder builder)
        {
            var at = _pos;
            _pos++;
            var c = Current;
            _pos++;
            switch (c)
            {
                case '0': builder.Append('\0'); return;
                case 'a': builder.Append('\a'); return;
                case 'b': builder.Append('\b'); return;
                case 't': case '\t': builder.Append('\t'); return;
                case 'n': builder.Append('\n'); return;
                case 'v': builder.Append('\v'); return;
                case 'f': builder.Append('\f'); return;
                case 'r': builder.Append('\r'); return;
                case 'e': builder.Append('\u001b'); return;
                case ' ': builder.Append(' '); return;
                case '"': builder.Append('"'); return;
                case '/': builder.Append('/'); return;
                case '\\': builder.Append('\\'); return;
                case 'N': builder.Append('\u0085'); return;
                case '_': builder.Append('\u00a0'); return;
                case 'L': builder.Append('\u2028'); return;
                case 'P': builder.Append('\u2029'); return;
                case 'x': builder.Append(Hex(2, at)); return;
                case 'u': builder.Append(Hex(4, at)); return;
                case 'U': builder.Append(Hex(8, at)); return;
                case '\r':
                case '\n':
                    // An escaped line break joins the lines without a space.
                    while (!AtEnd && IsBlankOrBreak(Current))
                    {
                        _pos++;
                    }

                    return;
                default:
                    throw Error($"'\\{c}' is not a valid escape in a double-quoted string", at);
            }
        }

        private string Hex(int digits, int at)
        {
            if (_pos + digits > _text.Length
                || !int.TryParse(_text.Substring(_pos, digits), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code)
                || code < 0 || code > 0x10FFFF)
            {
                throw Error("a \\x, \\u or \\U escape needs hexadecimal digits", at);
            }

            _pos += digits;
            return char.ConvertFromUtf32(code);
        }

        /// <summary><c>|</c> (literal) or <c>&gt;</c> (folded) block scalar, with optional chomping and indentation indicators.</summary>
        private YamlScalar ParseBlockScalar(int parentIndent, string? tag)
        {
            var start = _pos;
            var folded = Current == '>';
            _pos++;
            var chomping = ' ';
            var explicitIndent = 0;
            while (!IsBlankOrBreak(Current) && Current != '#')
            {
                if (Current is '-' or '+')
                {
                    chomping = Current;
                }
                else if (Current is >= '1' and <= '9')
                {
                    explicitIndent = Current - '0';
                }
                else
                {
                    throw Error("a block scalar indicator is '|' or '>', optionally followed by '-', '+' or a digit");
                }

                _pos++;
            }

            if (!SkipToLineEnd())
            {
                throw Error("nothing may follow '|' or '>' on its line except a comment");
            }

            var lines = new List<string>();
            var indent = explicitIndent > 0 ? Math.Max(parentIndent, 0) + explicitIndent : -1;
            var end = _pos;
            while (!AtEnd)
            {
                // At a line break: look at the next line.
                var lineStart = _pos + (Current == '\r' && Peek(1) == '\n' ? 2 : 1);
                var p = lineStart;
                while (p < _text.Length && _text[p] == ' ')
                {
                    p++;
                }

                var blank = p >= _text.Length || IsBreak(_text[p]);
                var spaces = p - lineStart;
                if (!blank)
                {
                    if (indent < 0)
                    {
                        if (spaces <= parentIndent)
                        {
                            break;
                        }

                        indent = spaces;
                    }
                    else if (spaces < indent)
                    {
                        break;
                    }
                }

                var lineEnd = lineStart;
                while (lineEnd < _text.Length && !IsBreak(_text[lineEnd]))
                {
                    lineEnd++;
                }

                if (lineStart >= _text.Length)
                {
                    break;
                }

                lines.Add(blank ? string.Empty : _text.Substring(lineStart + indent, lineEnd - lineStart - indent).TrimEnd('\r'));
                _pos = lineEnd;
                if (!blank)
                {
                    end = lineEnd;
                }
            }

            // Trailing empty lines: kept with '+', otherwise dropped.
            var trailing = 0;
            while (lines.Count > 0 && lines[lines.Count - 1].Length == 0)
            {
                lines.RemoveAt(lines.Count - 1);
                trailing++;
            }

            var builder = new StringBuilder();
            for (var i = 0; i < lines.Count; i++)
            {
                if (i > 0)
                {
                    builder.Append(!folded ? "\n" : FoldedSeparator(lines[i - 1], lines[i]));
                }

                builder.Append(lines[i]);
            }

            if (chomping != '-' && lines.Count > 0)
            {
                builder.Append('\n');
            }

            if (chomping == '+')
            {
                builder.Append('\n', trailing);
            }

            _pos = end;
            return new YamlScalar(start, end, builder.ToString(), tag);
        }

        /// <summary>
        /// Folding: a break between two text lines is a space; each empty line is a line break (and the
        /// break after it is dropped); more indented lines keep their breaks.
        /// </summary>
        private static string FoldedSeparator(string previous, string line)
        {
            if (line.Length == 0)
            {
                return "\n";
            }

            if (previous.Length == 0)
            {
                return string.Empty;
            }

            return line[0] == ' ' || previous[0] == ' ' ? "\n" : " ";
        }
    }
}
