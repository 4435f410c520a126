using System.Globalization;
using System.Text;

namespace Vexil.Server.Commands.Parsing;

/// <summary>
/// Splits command text into words the way a shell does, for text typed into chat or a terminal: whitespace
/// separates words; single quotes keep everything literally; double quotes keep everything but <c>\"</c> and
/// <c>\\</c>; quoted parts join the text around them (<c>--match="multi thread"</c>). Chat clients turn straight
/// quotes into typographic ones, so “ ” „ count as double quotes and ‘ ’ as single quotes; a ’ inside a word
/// (<c>don’t</c>) stays an apostrophe.
/// </summary>
public static class CommandTokenizer
{
    /// <summary>Splits <paramref name="text"/>; never throws.</summary>
    public static TokenizeResult Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tokens = new List<CommandToken>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        var start = 0;

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsSingleOpen(c) || IsDoubleOpen(c))
            {
                if (!inWord)
                {
                    // Only a word that starts quoted is a plain value: --match="multi thread" is still an option.
                    inWord = true;
                    start = i;
                    quoted = true;
                }

                var single = IsSingleOpen(c);
                var opening = i;
                var closed = false;
                for (i++; i < text.Length; i++)
                {
                    var d = text[i];
                    if (single ? IsSingleClose(d) : IsDoubleClose(d))
                    {
                        closed = true;
                        break;
                    }

                    if (!single && d == '\\' && i + 1 < text.Length && text[i + 1] is '"' or '\\')
                    {
                        word.Append(text[++i]);
                        continue;
                    }

                    word.Append(d);
                }

                if (!closed)
                {
                    return new TokenizeResult([], Unbalanced(single, c, opening));
                }

                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    tokens.Add(new CommandToken(word.ToString(), start, quoted));
                    word.Clear();
                    inWord = false;
                    quoted = false;
                }

                continue;
            }

            if (!inWord)
            {
                inWord = true;
                start = i;
            }

            word.Append(c);
        }

        if (inWord)
        {
            tokens.Add(new CommandToken(word.ToString(), start, quoted));
        }

        return new TokenizeResult(tokens, null);
    }

    private static string Unbalanced(bool single, char quote, int position) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"Unbalanced quotes: the {(single ? "single" : "double")} quote ({quote}) at character {position + 1} is never closed; close it or remove it.");

    private static bool IsSingleOpen(char c) => c is '\'' or '\u2018';

    private static bool IsSingleClose(char c) => c is '\'' or '\u2019' or '\u2018';

    private static bool IsDoubleOpen(char c) => c is '"' or '\u201C' or '\u201E';

    private static bool IsDoubleClose(char c) => c is '"' or '\u201C' or '\u201D';
}
