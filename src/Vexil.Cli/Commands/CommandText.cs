using System.Text;

namespace Vexil.Cli.Commands;

/// <summary>
/// Turns the words the shell handed <c>vexil</c> back into one command line for the server, which splits it again
/// the way a shell does (whitespace between words; single quotes literal; double quotes with <c>\"</c> and <c>\\</c>;
/// typographic quotes from chat count as quotes). Words that would split or lose characters there are quoted, so the
/// server sees exactly the words the user typed; plain words are left alone so the audit log reads like what was typed.
/// </summary>
internal static class CommandText
{
    /// <summary>Joins <paramref name="words"/> into a command line, quoting where needed.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));

    /// <summary>One word as the server must see it: unchanged when it is plain, quoted otherwise.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length > 0 && !word.Any(NeedsQuoting))
        {
            return word;
        }

        // Double quotes unless the word holds a character that would close them: “ and ” close a double-quoted part
        // and cannot be escaped, so those go into single-quoted parts, which the server joins to their neighbours.
        var text = new StringBuilder(word.Length + 4);
        var inDouble = false;
        foreach (var c in word)
        {
            if (c is '\u201C' or '\u201D')
            {
                if (inDouble)
                {
                    text.Append('"');
                    inDouble = false;
                }

                text.Append('\'').Append(c).Append('\'');
                continue;
            }

            if (!inDouble)
            {
                text.Append('"');
                inDouble = true;
            }

            if (c is '"' or '\\')
            {
                text.Append('\\');
            }

            text.Append(c);
        }

        if (!inDouble && text.Length == 0)
        {
            text.Append('"');
            inDouble = true;
        }

        if (inDouble)
        {
            text.Append('"');
        }

        return text.ToString();
    }

    // Whitespace splits words; these start a quoted part anywhere in a word (’ and ” do not: in a word they are literal).
    private static bool NeedsQuoting(char c) => char.IsWhiteSpace(c) || c is '\'' or '"' or '\u2018' or '\u201C' or '\u201E';
}
