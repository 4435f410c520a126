using System.Globalization;
using System.Text;

namespace Vexil.Server.Api.GitLab;

/// <summary>
/// Quotes text the way Ruby's <c>String#inspect</c> does, because GitLab's refusals embed <c>value.inspect</c>
/// (<c>Cannot set 'x' to "abc"</c>). Very long text is cut, so a refusal never echoes a whole request body.
/// </summary>
internal static class RubyInspect
{
    /// <summary>Longest text quoted in full.</summary>
    public const int MaxLength = 200;

    /// <summary>The quoted text, e.g. <c>"abc"</c> or <c>"a\"b\n"</c>.</summary>
    public static string Quote(string text)
    {
        var cut = text.Length > MaxLength;
        var shown = cut ? text[..MaxLength] : text;
        var builder = new StringBuilder(shown.Length + 8).Append('"');
        for (var i = 0; i < shown.Length; i++)
        {
            var c = shown[i];
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                case '\f': builder.Append("\\f"); break;
                case '\v': builder.Append("\\v"); break;
                case '\b': builder.Append("\\b"); break;
                case '\a': builder.Append("\\a"); break;
                case '\u001b': builder.Append("\\e"); break;
                case '#' when i + 1 < shown.Length && shown[i + 1] is '{' or '$' or '@':
                    builder.Append("\\#"); // Ruby escapes what would start an interpolation
                    break;
                case '\u007f': builder.Append("\\x7F"); break;
                default:
                    if (char.IsControl(c) || (char.IsSurrogate(c) && !IsPair(shown, i)))
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        builder.Append('"');
        return cut ? builder.Append("...").ToString() : builder.ToString();
    }

    private static bool IsPair(string text, int i) =>
        char.IsHighSurrogate(text[i])
            ? i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])
            : i > 0 && char.IsHighSurrogate(text[i - 1]);
}
