using System.ComponentModel.DataAnnotations;

namespace WebNotifier;

/// <summary>The root's options.</summary>
public sealed class NotifierOptions
{
    /// <summary>Stop after this many mails; 0, the default, runs until stopped.</summary>
    [Range(0, int.MaxValue)]
    public int MaxChanges { get; set; }
}
