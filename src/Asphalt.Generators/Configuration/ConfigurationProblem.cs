using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Asphalt.Generators.Configuration
{
    /// <summary>A problem found in a configuration file, at character offsets of that file.</summary>
    internal sealed class ConfigurationProblem
    {
        public ConfigurationProblem(DiagnosticDescriptor descriptor, int start, int end, params object[] arguments)
        {
            Descriptor = descriptor;
            Start = start;
            End = end;
            Arguments = arguments;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public int Start { get; }

        public int End { get; }

        public object[] Arguments { get; }

        /// <summary>Identifies the problem, so a file checked once per service reports it once.</summary>
        public string Identity => Descriptor.Id + "@" + Start + "-" + End + ":" + string.Join("\u0001", Arguments);

        /// <summary>The diagnostic, located in the file at the line and column of the offending key or value.</summary>
        public Diagnostic ToDiagnostic(string path, SourceText text)
        {
            var start = System.Math.Min(Start, text.Length);
            var end = System.Math.Max(start, System.Math.Min(End, text.Length));
            var span = TextSpan.FromBounds(start, end);
            return Diagnostic.Create(Descriptor, Location.Create(path, span, text.Lines.GetLinePositionSpan(span)), Arguments);
        }
    }
}
