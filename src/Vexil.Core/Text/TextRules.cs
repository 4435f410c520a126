namespace Vexil.Core.Text;

/// <summary>
/// The rule every name a person reads back must follow: well-formed UTF-16 (no lone surrogate, which cannot be
/// stored as UTF-8 or shown), and no character that disguises what the text says: C0/C1 controls, the bidirectional
/// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, and the marks U+200E, U+200F, U+061C) that can
/// make <c>User:evil</c> look like another id, and the zero-width characters (U+200B–U+200D, U+2060, U+FEFF) that make
/// two different ids look the same. U+FFFD is refused too: it is what bytes that were not valid UTF-8 became, so the
/// sender's text was lost on the way.
/// </summary>
public static class TextRules
{
    /// <summary>
    /// Returns null when <paramref name="text"/> follows the rule, otherwise what is wrong with it, as a phrase to
    /// put after "contains", e.g. <c>a lone UTF-16 surrogate (U+D800)</c>.
    /// </summary>
    public static string? FindProblem(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"a lone UTF-16 surrogate (U+{(int)c:X4}), which is not text; send the name as valid UTF-8";
            }

            if (char.IsControl(c))
            {
                return $"a control character (U+{(int)c:X4}); use printable characters only";
            }

            if (IsBidirectionalControl(c))
            {
                return $"an invisible bidirectional control character (U+{(int)c:X4}) that changes how the text reads; remove it";
            }

            if (IsZeroWidth(c))
            {
                return $"an invisible zero-width character (U+{(int)c:X4}); remove it";
            }

            if (c == '\uFFFD')
            {
                return "the replacement character U+FFFD, which stands for bytes that were not valid UTF-8; send the name as valid UTF-8";
            }
        }

        return null;
    }

    /// <summary>
    /// The text with every character <see cref="FindProblem"/> refuses replaced by '?', so it can be quoted in an error
    /// message without carrying the problem into logs and terminals.
    /// </summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (FindProblem(text) is null)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (char.IsHighSurrogate(c) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c) || char.IsControl(c) || IsBidirectionalControl(c) || IsZeroWidth(c) || c == '\uFFFD')
            {
                chars[i] = '?';
            }
        }

        return new string(chars);
    }

    /// <summary>True for the bidirectional formatting characters: embeddings, overrides, isolates and the marks.</summary>
    public static bool IsBidirectionalControl(char c) =>
        c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F' or '\u061C';

    /// <summary>True for the zero-width characters: space, non-joiner, joiner, word joiner and the byte-order mark.</summary>
    public static bool IsZeroWidth(char c) => c is (>= '\u200B' and <= '\u200D') or '\u2060' or '\uFEFF';
}
