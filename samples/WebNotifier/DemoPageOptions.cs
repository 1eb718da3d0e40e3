using System.ComponentModel.DataAnnotations;

namespace WebNotifier;

/// <summary>The demo page's options.</summary>
public sealed class DemoPageOptions
{
    /// <summary>The loopback port (default 8765; 0 picks a free one).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 8765;

    /// <summary>
    /// Seconds between two changes (default 5). Whole seconds: HTTP dates have no fractions, so faster
    /// changes could not be told apart by <c>If-Modified-Since</c>.
    /// </summary>
    [Range(1, 86_400)]
    public int ChangeEvery { get; set; } = 5;
}
