using System.ComponentModel.DataAnnotations;

namespace WebNotifier;

/// <summary>The change detector's options.</summary>
public sealed class DetectorOptions
{
    /// <summary>The page to watch: an absolute http(s) URL.</summary>
    [Url]
    public required Uri Url { get; init; }

    /// <summary>Seconds between two requests (default 10).</summary>
    [Range(0.01, 86_400)]
    public double Delay { get; set; } = 10;
}
