using System.Text;

namespace Asphalt.Configuration;

/// <summary>
/// Replaces secret configuration values in text with <c>***</c>, in every form a program is likely
/// to print them: as configured, trimmed, percent-decoded and -encoded, a URL as <see cref="Uri"/>
/// normalises it (scheme and host in lower case), and the meaningful parts of the secret material
/// (a URL's user-info, host, path segments, query values and fragment; a multi-line value's lines).
/// </summary>
/// <remarks>
/// Two kinds of input: the <em>values</em> that took something from a substitution (searched for
/// whole, in all their forms) and the secret <em>material</em> itself: what <c>${env:}</c>,
/// <c>${file:}</c>, <c>!Env</c>, <c>!TextFile</c> or a prefixed environment variable supplied.
/// Only material is cut into parts, so the literal text around a substitution
/// (<c>https://example.org/feed?token=${env:TOKEN}</c>) stays readable.
/// Host names and URLs compare ignoring case, as they do on the network. Parts shorter than
/// <see cref="MinimumPartLength"/> are not searched for; a whole value that short is replaced only
/// where it stands as a word of its own, so that a secret <c>25</c> does not eat the digits of <c>2025</c>.
/// </remarks>
internal sealed class SecretRedactor
{
    /// <summary>What a secret becomes.</summary>
    public const string Mask = "***";

    /// <summary>The shortest part of a secret that is searched for, and the shortest form searched for inside words.</summary>
    public const int MinimumPartLength = 4;

    private readonly Form[] _forms;

    /// <summary>Creates a redactor for <paramref name="values"/> and the <paramref name="material"/> they were made of.</summary>
    public SecretRedactor(IEnumerable<string> values, IEnumerable<string> material)
    {
        var forms = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            AddForms(forms, value);
        }

        foreach (var secret in material)
        {
            AddForms(forms, secret);
            AddParts(forms, secret);
        }

        // Longest first, so a secret that contains another is replaced whole.
        _forms = [.. forms
            .Where(f => f.Key.Length > 0)
            .Select(f => new Form(f.Key, f.Value))
            .OrderByDescending(f => f.Text.Length)
            .ThenBy(f => f.Text, StringComparer.Ordinal)];
    }

    /// <summary>A redactor that knows no secret.</summary>
    public static SecretRedactor None { get; } = new([], []);

    /// <summary>Whether there is nothing to redact.</summary>
    public bool IsEmpty => _forms.Length == 0;

    /// <summary>Replaces every form of every secret in <paramref name="text"/> with <see cref="Mask"/>.</summary>
    public string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var form in _forms)
        {
            text = form.ReplaceIn(text);
        }

        return text;
    }

    // The value as configured and the forms printing it may give it.
    private static void AddForms(Dictionary<string, bool> forms, string value)
    {
        var trimmed = value.Trim();
        var url = AsUrl(trimmed);
        var ignoreCase = url is not null || Uri.CheckHostName(trimmed) != UriHostNameType.Unknown;
        foreach (var form in (string[])[value, trimmed])
        {
            Add(forms, form, ignoreCase);
            Add(forms, Uri.UnescapeDataString(form), ignoreCase);
            Add(forms, Uri.EscapeDataString(form), ignoreCase);
        }

        if (url is not null)
        {
            Add(forms, url.ToString(), ignoreCase: true);
            Add(forms, url.AbsoluteUri, ignoreCase: true);
        }
    }

    // The pieces of secret material that mean something on their own.
    private static void AddParts(Dictionary<string, bool> forms, string secret)
    {
        var trimmed = secret.Trim();
        if (AsUrl(trimmed) is not { } url)
        {
            foreach (var line in trimmed.Split('\n'))
            {
                AddPart(forms, line.Trim(), ignoreCase: false);
            }

            return;
        }

        AddPart(forms, url.UserInfo, ignoreCase: false);
        foreach (var credential in url.UserInfo.Split(':'))
        {
            AddPart(forms, credential, ignoreCase: false);
        }

        AddPart(forms, url.Host, ignoreCase: true);
        AddPart(forms, url.IdnHost, ignoreCase: true);
        foreach (var segment in url.AbsolutePath.Split('/'))
        {
            AddPart(forms, segment, ignoreCase: false);
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&'))
        {
            AddPart(forms, pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..], ignoreCase: false);
        }

        AddPart(forms, url.Fragment.TrimStart('#'), ignoreCase: false);
    }

    private static void AddPart(Dictionary<string, bool> forms, string part, bool ignoreCase)
    {
        foreach (var form in (string[])[part, Uri.UnescapeDataString(part), Uri.EscapeDataString(part)])
        {
            if (form.Length >= MinimumPartLength)
            {
                Add(forms, form, ignoreCase);
            }
        }
    }

    private static void Add(Dictionary<string, bool> forms, string form, bool ignoreCase) =>
        forms[form] = ignoreCase || (forms.TryGetValue(form, out var already) && already);

    // Only what names a scheme: '/etc/passwd' parses as a file URL, but is not written as one.
    private static Uri? AsUrl(string value) =>
        value.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(value, UriKind.Absolute, out var url) ? url : null;

    /// <summary>One text to find, and how.</summary>
    private sealed class Form(string text, bool ignoreCase)
    {
        public string Text { get; } = text;

        private StringComparison Comparison => ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

        private bool OnlyAsWord => Text.Length < MinimumPartLength;

        public string ReplaceIn(string text)
        {
            var at = text.IndexOf(Text, Comparison);
            if (at < 0)
            {
                return text;
            }

            var result = new StringBuilder(text.Length);
            var copied = 0;
            while (at >= 0)
            {
                var end = at + Text.Length;
                if (OnlyAsWord && (IsWordCharacter(text, at - 1) || IsWordCharacter(text, end)))
                {
                    at = text.IndexOf(Text, at + 1, Comparison);
                    continue;
                }

                result.Append(text, copied, at - copied).Append(Mask);
                copied = end;
                at = text.IndexOf(Text, end, Comparison);
            }

            return result.Append(text, copied, text.Length - copied).ToString();
        }

        private static bool IsWordCharacter(string text, int index) =>
            index >= 0 && index < text.Length && char.IsLetterOrDigit(text[index]);
    }
}
