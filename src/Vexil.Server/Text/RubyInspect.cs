using System.Globalization;
using System.Text;

namespace Vexil.Server.Text;

/// <summary>
/// Quotes a value the way Ruby's <c>String#inspect</c> does, because GitLab's refusal "The value "150" is invalid"
/// shows the value that way: in double quotes, with quotes, backslashes, <c>#{</c> and control characters escaped.
/// Long values are cut, so a pasted paragraph does not come back whole.
/// </summary>
public static class RubyInspect
{
    /// <summary>Longest part of a value shown before it is cut with "...".</summary>
    public const int MaxShown = 120;

    /// <summary>The inspected form, e.g. <c>"150"</c>.</summary>
    public static string Of(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var shown = value.Length > MaxShown ? value[..MaxShown] : value;
        var builder = new StringBuilder(shown.Length + 2).Append('"');
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
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\u001B': builder.Append("\\e"); break;
                case '#' when i + 1 < shown.Length && shown[i + 1] is '{' or '$' or '@':
                    builder.Append("\\#");
                    break;
                default:
                    if (char.IsControl(c) || (char.IsSurrogate(c) && !IsPaired(shown, i)))
                    {
                        builder.Append(string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}"));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        if (shown.Length < value.Length)
        {
            builder.Append("...");
        }

        return builder.Append('"').ToString();
    }

    private static bool IsPaired(string text, int index) =>
        char.IsHighSurrogate(text[index])
            ? index + 1 < text.Length && char.IsLowSurrogate(text[index + 1])
            : index > 0 && char.IsHighSurrogate(text[index - 1]);
}
