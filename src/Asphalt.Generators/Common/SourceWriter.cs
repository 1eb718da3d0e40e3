using System;
using System.Text;

namespace Asphalt.Generators.Common
{
    /// <summary>A string builder that tracks indentation; <see cref="Block"/> writes a brace pair.</summary>
    internal sealed class SourceWriter
    {
        private readonly StringBuilder _builder = new();

        public int Indentation { get; set; }

        public SourceWriter WriteLine(string line = "")
        {
            // Multi-line text (raw strings in the emitter) is re-indented line by line.
            foreach (var part in line.Replace("\r\n", "\n").Split('\n'))
            {
                if (part.Length > 0)
                {
                    _builder.Append(' ', Indentation * 4).Append(part);
                }

                _builder.Append('\n');
            }

            return this;
        }

        public IDisposable Block(string? header = null)
        {
            if (header is not null)
            {
                WriteLine(header);
            }

            WriteLine("{");
            Indentation++;
            return new Closer(this);
        }

        public override string ToString() => _builder.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly SourceWriter _writer;
            private bool _closed;

            public Closer(SourceWriter writer) => _writer = writer;

            public void Dispose()
            {
                if (!_closed)
                {
                    _closed = true;
                    _writer.Indentation--;
                    _writer.WriteLine("}");
                }
            }
        }
    }
}
