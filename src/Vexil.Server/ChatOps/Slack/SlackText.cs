using System.Text;

namespace Vexil.Server.ChatOps.Slack;

/// <summary>
/// Undoes Slack's formatting of slash command text: <c>&amp;amp;</c>, <c>&amp;lt;</c> and <c>&amp;gt;</c> come back as
/// the characters typed, and when the app escapes links, users and channels, <c>&lt;https://x|label&gt;</c> becomes
/// the label, <c>&lt;https://x&gt;</c> the URL, <c>&lt;@U123|ck3g&gt;</c> <c>@ck3g</c> and <c>&lt;#C123|production&gt;</c>
/// <c>#production</c>.
/// </summary>
public static class SlackText
{
    /// <summary>The text as the person typed it.</summary>
    public static string Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var plain = new StringBuilder(text.Length);
        var at = 0;
        while (at < text.Length)
        {
            var open = text.IndexOf('<', at);
            var close = open < 0 ? -1 : text.IndexOf('>', open + 1);
            if (open < 0 || close < 0)
            {
                plain.Append(text, at, text.Length - at);
                break;
            }

            plain.Append(text, at, open - at);
            plain.Append(Unwrap(text[(open + 1)..close]));
            at = close + 1;
        }

        // Entities last: a decoded "&lt;" is a character the person typed, never the start of markup.
        return plain.ToString().Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);
    }

    private static string Unwrap(string markup)
    {
        var bar = markup.IndexOf('|', StringComparison.Ordinal);
        var target = bar < 0 ? markup : markup[..bar];
        var label = bar < 0 ? null : markup[(bar + 1)..];
        return target switch
        {
            _ when target.StartsWith('@') => "@" + (label ?? target[1..]),
            _ when target.StartsWith('#') => "#" + (label ?? target[1..]),
            _ when target.StartsWith('!') => "@" + (label ?? target[1..]),
            _ => label ?? target,
        };
    }
}
