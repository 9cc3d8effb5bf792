using System;
using System.Text;

namespace Mlp.Generators
{
    /// <summary>A string builder that indents lines and opens and closes braces, for readable generated code.</summary>
    internal sealed class IndentedWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _text = new();
        private int _depth;

        public IndentedWriter Line(string line = "")
        {
            if (line.Length > 0)
            {
                for (int i = 0; i < _depth; i++)
                    _text.Append(IndentUnit);
                _text.Append(line);
            }
            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/> and an opening brace; disposing the result closes it.</summary>
        public IDisposable Block(string header, string closing = "}")
        {
            Line(header);
            Line("{");
            _depth++;
            return new Closer(this, closing);
        }

        public void Indent() => _depth++;

        public void Unindent() => _depth--;

        public override string ToString() => _text.ToString();

        private sealed class Closer : IDisposable
        {
            private readonly IndentedWriter _writer;
            private readonly string _closing;

            public Closer(IndentedWriter writer, string closing)
            {
                _writer = writer;
                _closing = closing;
            }

            public void Dispose()
            {
                _writer._depth--;
                _writer.Line(_closing);
            }
        }
    }
}
