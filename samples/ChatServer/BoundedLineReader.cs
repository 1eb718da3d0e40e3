using System.Text;

namespace ChatServer;

/// <summary>
/// Reads UTF-8 lines of at most <c>maxLength</c> characters: a client cannot make the server hold a
/// longer line in memory, whether or not it ever sends the newline.
/// </summary>
public sealed class BoundedLineReader(Stream stream, int maxLength)
{
    private readonly StreamReader _reader = new(stream, new UTF8Encoding(false));
    private readonly char[] _buffer = new char[4096];
    private int _start;
    private int _end;

    /// <summary>The next line without its <c>\n</c> or <c>\r\n</c>; null at the end of the stream.</summary>
    /// <exception cref="InvalidDataException">The line is longer than allowed (nothing more of it is read).</exception>
    public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            var newline = Array.IndexOf(_buffer, '\n', _start, _end - _start);
            var upTo = newline >= 0 ? newline : _end;
            line.Append(_buffer, _start, upTo - _start);
            _start = newline >= 0 ? newline + 1 : _end;
            var endsWithReturn = line.Length > 0 && line[^1] == '\r';
            if (newline >= 0 && endsWithReturn)
            {
                line.Length--;
            }

            // A "\r" not yet followed by anything may be the first half of "\r\n": it does not count.
            if (line.Length - (newline < 0 && endsWithReturn ? 1 : 0) > maxLength)
            {
                throw new InvalidDataException($"line longer than {maxLength} characters");
            }

            if (newline >= 0)
            {
                return line.ToString();
            }

            _start = 0;
            _end = await _reader.ReadAsync(_buffer, cancellationToken);
            if (_end == 0)
            {
                return line.Length > 0 ? line.ToString() : null; // The last line may lack its newline.
            }
        }
    }
}
