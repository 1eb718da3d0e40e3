namespace Asphalt.Configuration;

/// <summary>
/// Where a configuration value came from: a file and line, an environment variable, a
/// <c>--set</c> argument, or the defaults declared in code.
/// </summary>
/// <param name="Source">The file path, or a description (<c>environment variable APP_X</c>, <c>--set a.b=1</c>).</param>
/// <param name="Line">The 1-based line in <paramref name="Source"/>; 0 when it is not a file.</param>
/// <param name="Column">The 1-based column; 0 when unknown.</param>
public readonly record struct SourceLocation(string Source, int Line = 0, int Column = 0)
{
    /// <summary>Whether this location points into a file (it has a line).</summary>
    public bool IsFile => Line > 0;

    /// <summary>A location in no source at all (a value made up by the loader).</summary>
    public static SourceLocation None => new("(unknown)");

    /// <summary>Formats as <c>file:line:column</c> (the form compilers and editors link), or the description.</summary>
    public override string ToString() =>
        Line <= 0 ? Source : Column <= 0 ? $"{Source}:{Line}" : $"{Source}:{Line}:{Column}";
}
