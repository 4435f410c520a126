using System.Text;

namespace Vexil.Server.Commands.Parsing;

/// <summary>Makes a piece of user input safe to echo in a message: control characters become '?', long text is cut.</summary>
internal static class Printable
{
    /// <summary>The text with control characters and lone surrogates replaced, cut to <paramref name="maxLength"/> characters with "…".</summary>
    public static string Of(string text, int maxLength = 60)
    {
        var builder = new StringBuilder(Math.Min(text.Length, maxLength) + 1);
        for (var i = 0; i < text.Length && builder.Length < maxLength; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else
            {
                builder.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            }
        }

        return builder.Length < text.Length ? builder.Append('…').ToString() : builder.ToString();
    }
}
