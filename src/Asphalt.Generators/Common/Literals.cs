using System.Globalization;
using System.Text;

namespace Asphalt.Generators.Common
{
    /// <summary>C# literals for emitted code (invariant culture, escaped).</summary>
    internal static class Literals
    {
        public static string String(string value)
        {
            var builder = new StringBuilder(value.Length + 2).Append('"');
            foreach (var c in value)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < ' ')
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }

                        break;
                }
            }

            return builder.Append('"').ToString();
        }

        public static string Bool(bool value) => value ? "true" : "false";

        /// <summary>An identifier made from arbitrary text (for helper method and hint names).</summary>
        public static string Identifier(string text)
        {
            var builder = new StringBuilder(text.Length);
            foreach (var c in text.Replace("global::", string.Empty))
            {
                builder.Append(char.IsLetterOrDigit(c) ? c : '_');
            }

            return builder.ToString();
        }
    }
}
