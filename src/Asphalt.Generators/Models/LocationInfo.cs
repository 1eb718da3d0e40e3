using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Models
{
    /// <summary>
    /// A source location as plain values. Only the diagnostics analyzer fills these in; the generator
    /// pipeline leaves them null, so an edit that merely shifts code does not invalidate its cache.
    /// </summary>
    internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
    {
        public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

        public static LocationInfo? From(Location? location) =>
            location is null || location.SourceTree is null
                ? null
                : new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
