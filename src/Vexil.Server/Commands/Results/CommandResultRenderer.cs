using System.Text;

namespace Vexil.Server.Commands.Results;

/// <summary>
/// Renders a <see cref="CommandResult"/> as plain text or Markdown. Both follow one layout: the headline, then one
/// section per environment (its summary, list or sentence), then notes. A single-environment refusal is the refusal
/// alone, so GitLab's sentences come back exactly as runbooks quote them.
/// </summary>
internal static class CommandResultRenderer
{
    /// <summary>Renders the result.</summary>
    public static string Render(CommandResult result, bool markdown)
    {
        var blocks = new List<string>();
        if (result.Headline is { Length: > 0 } headline)
        {
            blocks.Add(headline);
        }

        if (result.Outcome == CommandOutcome.Refused)
        {
            if (result.Environments.Count > 1)
            {
                blocks.Add(string.Join('\n', result.Environments.Select(e => $"{Bold(e.Environment, markdown)}: {StatusWord(e.Status)}")));
            }
        }
        else
        {
            foreach (var environment in result.Environments)
            {
                blocks.Add(Section(environment, markdown));
            }
        }

        if (result.Notes.Count > 0)
        {
            blocks.Add(string.Join('\n', result.Notes.Select(note => $"Note: {note}")));
        }

        return string.Join("\n\n", blocks);
    }

    private static string Section(EnvironmentResult environment, bool markdown)
    {
        if (environment.Flag is null && environment.Listing is null)
        {
            return environment.Message ?? $"{environment.Environment}: {StatusWord(environment.Status)}";
        }

        var text = new StringBuilder(Bold(environment.Environment, markdown));
        if (environment.Flag is { } flag)
        {
            foreach (var field in flag.Fields)
            {
                text.Append('\n').Append(markdown ? "- " : "  ").Append(field.Title).Append(": ").Append(Value(field, markdown));
            }
        }

        if (environment.Listing is { } listing)
        {
            AppendList(text, "Enabled Features", listing.Enabled, listing.EnabledFooter, markdown);
            AppendList(text, "Disabled Features", listing.Disabled, listing.DisabledFooter, markdown);
        }

        if (environment.Message is { } message)
        {
            text.Append('\n').Append(markdown ? string.Empty : "  ").Append(message);
        }

        return text.ToString();
    }

    private static void AppendList(StringBuilder text, string title, IReadOnlyList<FlagListEntry> entries, string footer, bool markdown)
    {
        text.Append('\n').Append(markdown ? $"_{title}_" : $"  {title}");
        foreach (var entry in entries)
        {
            text.Append('\n').Append(markdown ? "- " : "    ").Append(markdown ? Code(entry.Name) : entry.Name);
            if (entry.Detail is { } detail)
            {
                text.Append(" (").Append(detail).Append(')');
            }
        }

        text.Append('\n').Append(markdown ? string.Empty : "  ").Append(footer);
    }

    private static string Value(SummaryField field, bool markdown) =>
        !markdown ? field.Value
        : field.Literal ? Code(field.Value)
        : field.Value;

    private static string Bold(string text, bool markdown) => markdown ? $"**{text}**" : text;

    /// <summary>The word an answer shows for an environment's status ("changed", "refused", ...), on every chat platform and in plain text.</summary>
    public static string StatusWord(EnvironmentStatus status) => status switch
    {
        EnvironmentStatus.Changed => "changed",
        EnvironmentStatus.Unchanged => "unchanged",
        EnvironmentStatus.Shown => "shown",
        EnvironmentStatus.NotFound => "not found",
        EnvironmentStatus.Refused => "refused",
        _ => "not changed",
    };

    // A code span that survives backticks in the value: fence with one more backtick than the longest run inside.
    private static string Code(string value)
    {
        var longest = 0;
        var run = 0;
        foreach (var c in value)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', longest + 1);
        var pad = longest > 0 ? " " : string.Empty;
        return $"{fence}{pad}{value}{pad}{fence}";
    }
}
