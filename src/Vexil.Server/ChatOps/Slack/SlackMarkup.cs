using System.Text;
using System.Text.Json.Nodes;

namespace Vexil.Server.ChatOps.Slack;

/// <summary>
/// Small pieces of Slack's message format shared by chat replies and announcements: escaping (Slack reads
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as markup, so text must escape them), mrkdwn sections, context lines and
/// legacy attachment fields, which GitLab's ChatOps uses for a flag's Name, State and gates.
/// </summary>
public static class SlackMarkup
{
    /// <summary>Slack shows at most 3,000 characters in a section's text.</summary>
    public const int MaxSectionLength = 3000;

    /// <summary>Escapes the three characters Slack treats as markup.</summary>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('&', '<', '>') < 0)
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ => c.ToString(),
            });
        }

        return escaped.ToString();
    }

    /// <summary>A link, e.g. <c>&lt;https://gitlab.com/...|Rollout issue&gt;</c>.</summary>
    public static string Link(string url, string label) =>
        $"<{url.Replace("|", "%7C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal)}|{Escape(label)}>";

    /// <summary>A section block of mrkdwn text (already escaped), cut to what Slack shows.</summary>
    public static JsonObject Section(string mrkdwn) => new()
    {
        ["type"] = "section",
        ["text"] = new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(mrkdwn, MaxSectionLength) },
    };

    /// <summary>A context block: one line of small mrkdwn text (already escaped).</summary>
    public static JsonObject Context(string mrkdwn) => new()
    {
        ["type"] = "context",
        ["elements"] = new JsonArray(new JsonObject { ["type"] = "mrkdwn", ["text"] = Cut(mrkdwn, MaxSectionLength) }),
    };

    /// <summary>An attachment field; plain text, since attachment fields are not read as mrkdwn unless asked.</summary>
    public static JsonObject Field(string title, string value, bool isShort) => new()
    {
        ["title"] = title,
        ["value"] = Escape(value),
        ["short"] = isShort,
    };

    /// <summary>Cuts text to <paramref name="length"/> characters, saying so at the end.</summary>
    public static string Cut(string text, int length)
    {
        ArgumentNullException.ThrowIfNull(text);
        const string Marker = "\n… (cut)";
        return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - Marker.Length), Marker);
    }
}
