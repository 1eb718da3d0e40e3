using System.Globalization;
using System.Text;

namespace Asphalt.Configuration;

/// <summary>
/// Reads a configuration file's text, or says precisely why it cannot: it does not exist, it is a
/// directory, it is larger than <see cref="ConfigurationLimits.MaxFileSize"/>, it cannot be read, or it is
/// not valid UTF-8 (or UTF-16/32 with a byte order mark) — never silently replacing bad bytes.
/// </summary>
internal static class ConfigurationFileText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads <paramref name="path"/>; on failure returns null and adds one error naming the file (and the line for bad bytes).</summary>
    public static string? Read(string path, List<ConfigurationError> errors)
    {
        var fullPath = Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            errors.Add(new ConfigurationError(new SourceLocation(path), "", "cannot read the configuration file: it is a directory; give the path of a YAML or JSON file inside it"));
            return null;
        }

        byte[] bytes;
        try
        {
            var length = new FileInfo(fullPath).Length;
            if (length > ConfigurationLimits.MaxFileSize)
            {
                errors.Add(new ConfigurationError(new SourceLocation(path), "", string.Create(CultureInfo.InvariantCulture,
                    $"the configuration file is {length} bytes, larger than the limit of {ConfigurationLimits.MaxFileSize} bytes")));
                return null;
            }

            // Read once at start-up, before any component runs.
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            var reason = failure is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : failure.Message;
            errors.Add(new ConfigurationError(new SourceLocation(path), "", $"cannot read the configuration file: {reason}"));
            return null;
        }

        var (encoding, preamble) = Detect(bytes);
        try
        {
            return encoding.GetString(bytes, preamble, bytes.Length - preamble);
        }
        catch (DecoderFallbackException failure)
        {
            var offset = preamble + Math.Max(0, failure.Index);
            var before = encoding.GetString(bytes, preamble, offset - preamble); // Valid: decoding stopped after it.
            var line = 1 + before.Count(c => c == '\n');
            var column = before.Length - before.LastIndexOf('\n');
            var bad = string.Join(" ", (failure.BytesUnknown ?? [bytes[offset]]).Select(b => "0x" + b.ToString("X2", CultureInfo.InvariantCulture)));
            errors.Add(new ConfigurationError(new SourceLocation(path, line, column), "", string.Create(CultureInfo.InvariantCulture,
                $"the file is not valid {encoding.WebName.ToUpperInvariant()}: byte {bad} at byte offset {offset}; save the file as UTF-8")));
            return null;
        }
    }

    /// <summary>The encoding its byte order mark names (UTF-8 without one, as YAML and JSON say), each throwing on invalid bytes.</summary>
    private static (Encoding Encoding, int Preamble) Detect(byte[] bytes) => bytes switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (StrictUtf8, 3),
        [0xFF, 0xFE, 0x00, 0x00, ..] => (new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => (new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), 4),
        [0xFF, 0xFE, ..] => (new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        [0xFE, 0xFF, ..] => (new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), 2),
        _ => (StrictUtf8, 0),
    };
}
