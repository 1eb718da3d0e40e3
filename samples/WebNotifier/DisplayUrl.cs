namespace WebNotifier;

/// <summary>
/// How the sample shows a URL in its logs, errors and mails: without user-info and with every query
/// value replaced by <c>***</c>, because that is where passwords and access tokens travel. Asphalt
/// already redacts configured secrets from logs; this also covers a token written into the file
/// itself, and the mails, which the framework does not see.
/// </summary>
public static class DisplayUrl
{
    /// <summary><paramref name="url"/> as it may be shown: <c>https://example.org/feed?token=***</c>.</summary>
    public static string Of(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        var shown = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.SafeUnescaped);
        if (url.Query.Length <= 1)
        {
            return shown;
        }

        var pairs = url.Query[1..].Split('&');
        for (var i = 0; i < pairs.Length; i++)
        {
            var equals = pairs[i].IndexOf('=', StringComparison.Ordinal);
            pairs[i] = equals < 0 ? pairs[i] : pairs[i][..(equals + 1)] + "***";
        }

        return shown + "?" + string.Join('&', pairs);
    }
}
