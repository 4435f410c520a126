using System.Text;
using System.Text.Json.Nodes;
using Vexil.Server.Commands.Results;

namespace Vexil.Server.ChatOps.Slack;

/// <summary>
/// Builds Slack messages from a <see cref="CommandResult"/> in GitLab's ChatOps style: the headline ("The feature flag
/// value has been updated!") as a section, one attachment per environment with the fields Name, State, Enabled
/// Globally, Scoped to, ... and the footer <c>Host: &lt;environment&gt;</c>; a list as "Enabled Features" and
/// "Disabled Features" attachments with GitLab's footers. Changes are posted <c>in_channel</c> for everyone to see;
/// reads, refusals and errors only to the person who typed the command.
/// </summary>
public sealed class SlackReplies : IChatReplies
{
    /// <summary>The longest attachment text Slack shows without cutting it.</summary>
    public const int MaxAttachmentText = 3000;

    private const string Green = "#2EB67D";
    private const string Grey = "#9E9E9E";

    /// <inheritdoc />
    public string Platform => "slack";

    /// <inheritdoc />
    public JsonObject Result(CommandResult result, bool delayed)
    {
        ArgumentNullException.ThrowIfNull(result);
        var blocks = new JsonArray();
        var attachments = new JsonArray();
        if (result.Headline is { Length: > 0 } headline)
        {
            blocks.Add(SlackMarkup.Section(SlackMarkup.Escape(headline)));
        }

        if (result.Outcome == CommandOutcome.Refused)
        {
            // Which environments were refused and which were left alone, as the plain-text answer lists them.
            if (result.Environments.Count > 1)
            {
                blocks.Add(SlackMarkup.Section(string.Join('\n', result.Environments.Select(e => $"*{SlackMarkup.Escape(e.Environment)}*: {CommandResultRenderer.StatusWord(e.Status)}"))));
            }
        }
        else
        {
            foreach (var environment in result.Environments)
            {
                AddEnvironment(environment, blocks, attachments);
            }
        }

        if (result.Notes.Count > 0)
        {
            blocks.Add(SlackMarkup.Context(string.Join('\n', result.Notes.Select(note => "Note: " + SlackMarkup.Escape(note)))));
        }

        var changed = result.Environments.Any(environment => environment.Status == EnvironmentStatus.Changed);
        var message = Message(changed, Fallback(result), delayed);
        message["blocks"] = blocks;
        if (attachments.Count > 0)
        {
            message["attachments"] = attachments;
        }

        return message;
    }

    /// <inheritdoc />
    public JsonObject Notice(string message, bool inChannel, bool delayed)
    {
        ArgumentNullException.ThrowIfNull(message);
        var reply = Message(inChannel, SlackMarkup.Escape(message), delayed);
        reply["blocks"] = new JsonArray(SlackMarkup.Section(SlackMarkup.Escape(message)));
        return reply;
    }

    private static void AddEnvironment(EnvironmentResult environment, JsonArray blocks, JsonArray attachments)
    {
        var footer = SlackMarkup.Escape($"Host: {environment.Environment}");
        if (environment.Flag is { } flag)
        {
            var fields = new JsonArray();
            foreach (var field in flag.Fields)
            {
                fields.Add(SlackMarkup.Field(field.Title, field.Value, isShort: field.Title is "Name" or "State" or "Enabled Globally"));
            }

            attachments.Add(new JsonObject
            {
                ["color"] = flag.Enabled ? Green : Grey,
                ["fallback"] = SlackMarkup.Escape($"{flag.Name} on {environment.Environment}: {(flag.Enabled ? "Enabled" : "Disabled")}"),
                ["fields"] = fields,
                ["footer"] = footer,
            });
        }
        else if (environment.Listing is { } listing)
        {
            attachments.Add(List("Enabled Features", listing.Enabled, listing.EnabledFooter, Green));
            attachments.Add(List("Disabled Features", listing.Disabled, listing.DisabledFooter, Grey));
        }
        else if (environment.Message is { } message)
        {
            // Deletes ("Feature flag x has been removed from staging!") and "does not exist".
            blocks.Add(SlackMarkup.Section(SlackMarkup.Escape(message)));
        }
    }

    private static JsonObject List(string title, IReadOnlyList<FlagListEntry> entries, string footer, string color)
    {
        var text = new StringBuilder();
        for (var i = 0; i < entries.Count; i++)
        {
            var line = entries[i].Detail is { } detail ? $"{entries[i].Name} ({detail})" : entries[i].Name;
            var more = $"… and {entries.Count - i} more";
            if (text.Length + line.Length + more.Length + 2 > MaxAttachmentText)
            {
                text.Append(more);
                break;
            }

            text.Append(SlackMarkup.Escape(line)).Append('\n');
        }

        return new JsonObject
        {
            ["color"] = color,
            ["title"] = title,
            ["text"] = text.ToString().TrimEnd('\n'),
            ["footer"] = SlackMarkup.Escape(footer),
        };
    }

    private static JsonObject Message(bool inChannel, string fallback, bool delayed)
    {
        var message = new JsonObject
        {
            ["response_type"] = inChannel ? "in_channel" : "ephemeral",
            ["text"] = SlackMarkup.Cut(fallback, SlackMarkup.MaxSectionLength),
        };

        // A later answer is a new message; it must not replace the acknowledgement people have already seen.
        if (delayed)
        {
            message["replace_original"] = false;
        }

        return message;
    }

    // The notification text: what a phone shows for the message.
    private static string Fallback(CommandResult result) =>
        SlackMarkup.Escape(result.Headline
            ?? result.Environments.Select(environment => environment.Message).FirstOrDefault(message => message is not null)
            ?? result.ToPlainText());
}
