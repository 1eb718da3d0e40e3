using System.Text;

namespace EchoServer;

/// <summary>Why <see cref="LineReader.ReadLineAsync"/> gave up on a client.</summary>
public enum LineProblem
{
    /// <summary>A line was read (or the client closed the connection cleanly).</summary>
    None,

    /// <summary>The line is longer than allowed.</summary>
    TooLong,

    /// <summary>The client sent nothing for the idle timeout.</summary>
    Idle,
}

/// <summary>
/// Reads one line from a client into a buffer of fixed size: a client cannot make the server hold
/// more than <c>maxLength</c> bytes, nor keep a connection open by sending nothing.
/// </summary>
public static class LineReader
{
    /// <summary>
    /// Reads up to and without the first <c>\n</c> (and a <c>\r</c> before it), decoded as UTF-8.
    /// The line is null when the client closed the connection before sending anything, or when
    /// there is a <see cref="LineProblem"/>.
    /// </summary>
    public static async Task<(string? Line, LineProblem Problem)> ReadLineAsync(
        Stream stream, int maxLength, TimeSpan idleTimeout, CancellationToken cancellationToken)
    {
        var buffer = new byte[maxLength + 2]; // The longest line plus "\r\n".
        var filled = 0;
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        while (true)
        {
            idle.CancelAfter(idleTimeout); // Restarts the countdown: idle means nothing received for that long.
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(filled), idle.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (null, LineProblem.Idle);
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', filled, read);
            filled += read;
            var end = newline >= 0 ? newline : filled;
            if (end > 0 && buffer[end - 1] == '\r')
            {
                // Before "\n", or possibly the first half of "\r\n": not part of the line either way.
                end--;
            }

            if (end > maxLength)
            {
                return (null, LineProblem.TooLong);
            }

            if (newline >= 0 || read == 0)
            {
                // Without a newline, end of stream ends the line (as StreamReader does); nothing at all is no line.
                return (read == 0 && filled == 0 ? null : Encoding.UTF8.GetString(buffer, 0, end), LineProblem.None);
            }

            if (filled == buffer.Length)
            {
                return (null, LineProblem.TooLong);
            }
        }
    }
}
