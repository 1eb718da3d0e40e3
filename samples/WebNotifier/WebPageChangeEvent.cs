using DiffPlex.DiffBuilder.Model;

namespace WebNotifier;

/// <summary>A watched page changed: its old and new lines and the line diff between them.</summary>
/// <param name="Source">The detector that saw the change.</param>
/// <param name="OldLines">The page's lines before.</param>
/// <param name="NewLines">The page's lines now.</param>
/// <param name="Diff">The line diff (DiffPlex), old to new.</param>
public sealed record WebPageChangeEvent(Detector Source, IReadOnlyList<string> OldLines, IReadOnlyList<string> NewLines, DiffPaneModel Diff);
