using System.Net;
using System.Text;
using DiffPlex.DiffBuilder.Model;

namespace WebNotifier;

/// <summary>
/// Renders a DiffPlex line diff as an HTML page and as plain text, showing changed lines with a
/// few lines of context (like Python's <c>difflib.HtmlDiff(context=True)</c> in the tutorial).
/// </summary>
public static class HtmlDiff
{
    /// <summary>Lines of unchanged context kept around each change.</summary>
    public const int ContextLines = 2;

    /// <summary>An HTML document: a table of kept, removed (<c>&lt;del&gt;</c>) and added (<c>&lt;ins&gt;</c>) lines.</summary>
    public static string ToHtml(DiffPaneModel diff, string url)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Change in ")
            .Append(WebUtility.HtmlEncode(url))
            .Append("</title><style>del{background:#fdd}ins{background:#dfd}td{font-family:monospace;white-space:pre}</style></head><body>\n")
            .Append("<p>Changes in <a href=\"").Append(WebUtility.HtmlEncode(url)).Append("\">")
            .Append(WebUtility.HtmlEncode(url)).Append("</a>:</p>\n<table>\n");
        foreach (var (line, skipped) in Visible(diff))
        {
            if (skipped)
            {
                html.Append("<tr><td>…</td><td></td></tr>\n");
                continue;
            }

            var text = WebUtility.HtmlEncode(line.Text);
            html.Append(line.Type switch
            {
                ChangeType.Deleted => $"<tr><td>-</td><td><del>{text}</del></td></tr>\n",
                ChangeType.Inserted => $"<tr><td>+</td><td><ins>{text}</ins></td></tr>\n",
                _ => $"<tr><td> </td><td>{text}</td></tr>\n",
            });
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    /// <summary>A unified-style text diff: <c>-</c> removed, <c>+</c> added, two spaces for context.</summary>
    public static string ToText(DiffPaneModel diff)
    {
        var text = new StringBuilder();
        foreach (var (line, skipped) in Visible(diff))
        {
            text.Append(skipped ? "..." : line.Type switch
            {
                ChangeType.Deleted => "- " + line.Text,
                ChangeType.Inserted => "+ " + line.Text,
                _ => "  " + line.Text,
            }).Append('\n');
        }

        return text.ToString();
    }

    private static IEnumerable<(DiffPiece Line, bool Skipped)> Visible(DiffPaneModel diff)
    {
        var lines = diff.Lines;
        var keep = new bool[lines.Count];
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Type is ChangeType.Deleted or ChangeType.Inserted or ChangeType.Modified)
            {
                for (var j = Math.Max(0, i - ContextLines); j <= Math.Min(lines.Count - 1, i + ContextLines); j++)
                {
                    keep[j] = true;
                }
            }
        }

        var gap = false;
        for (var i = 0; i < lines.Count; i++)
        {
            if (!keep[i])
            {
                gap = true;
                continue;
            }

            if (gap)
            {
                yield return (lines[i], true);
                gap = false;
            }

            yield return (lines[i], false);
        }
    }
}
