using System.ComponentModel.DataAnnotations;

namespace WebNotifier;

/// <summary>The root's options.</summary>
public sealed class NotifierOptions
{
    /// <summary>Stop after this many mails; 0, the default, runs until stopped.</summary>
    [Range(0, int.MaxValue)]
    public int MaxChanges { get; set; }

    /// <summary>Which <see cref="WebNotifier.Detector"/> to stream (default <c>default</c>), e.g. one added as <c>detector/backup</c>.</summary>
    public string Detector { get; set; } = "";

    /// <summary>Which <see cref="Asphalt.Mailer.Mailer"/> to send with (default <c>default</c>).</summary>
    public string Mailer { get; set; } = "";
}
