using System.Globalization;
using System.Text.Json.Nodes;
using Vexil.Server.Changes;
using Vexil.Server.ChatOps.Slack;
using Vexil.Server.Commands.Results;
using Vexil.Server.Definitions;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// The Slack messages Vexil posts on its own: a change announced in the production and team channels (after GitLab's
/// feature-flag log issue: its title, who changed it, when, the rollout issue and the scopes, plus the flag's state as
/// the ChatOps reply shows it) and the QA channel's end-to-end test messages in GitLab's words.
/// </summary>
public static class AnnouncementMessages
{
    private static readonly (string Key, string Title)[] ScopeTitles =
    [
        ("user", "User"), ("project", "Project"), ("group", "Group"),
        ("feature_group", "Feature group"), ("namespace", "Namespace"), ("repository", "Repository"),
    ];

    /// <summary>The announcement of a change, as Slack incoming-webhook JSON.</summary>
    public static string ForChange(AuditEvent change, FlagDefinition? definition)
    {
        ArgumentNullException.ThrowIfNull(change);
        var title = ChangeTitles.Of(change);
        var context = $"Changed by *{SlackMarkup.Escape(change.User)}* via {SlackMarkup.Escape(change.Via)}";
        if (!string.IsNullOrWhiteSpace(change.From))
        {
            context += $" from {SlackMarkup.Escape(change.From)}";
        }

        var rollout = change.Details.GetValueOrDefault("rollout_issue_url") ?? definition?.RolloutIssueUrl;
        if (!string.IsNullOrWhiteSpace(rollout))
        {
            context += " · " + SlackMarkup.Link(rollout, "Rollout issue");
        }

        var fields = new JsonArray();
        var summary = change.After is { } after ? FlagSummaries.Of(change.Flag, after).Fields : [new SummaryField("Name", change.Flag)];
        foreach (var field in summary)
        {
            fields.Add(SlackMarkup.Field(field.Title, field.Value, isShort: field.Title is "Name" or "State" or "Enabled Globally"));
        }

        foreach (var (key, scopeTitle) in ScopeTitles)
        {
            if (change.Details.TryGetValue(key, out var names))
            {
                fields.Add(SlackMarkup.Field(scopeTitle, names, isShort: false));
            }
        }

        if (change.Details.TryGetValue("overrides", out var overrides))
        {
            fields.Add(SlackMarkup.Field("Overrides", overrides, isShort: false));
        }

        // A rollout plan's automatic rollback says which check failed, on what query, with what value against what limit.
        if (change.Details.ContainsKey("rollout_rollback"))
        {
            fields.Add(SlackMarkup.Field("Rolled back by rollout plan", change.Details.GetValueOrDefault("rollout_plan") ?? "?", isShort: true));
            fields.Add(SlackMarkup.Field("Failed check", change.Details.GetValueOrDefault("check") ?? "?", isShort: true));
            fields.Add(SlackMarkup.Field("Value", change.Details.GetValueOrDefault("check_value") ?? "?", isShort: true));
            fields.Add(SlackMarkup.Field("Threshold", change.Details.GetValueOrDefault("check_threshold") ?? "?", isShort: true));
            fields.Add(SlackMarkup.Field("Query", change.Details.GetValueOrDefault("check_query") ?? "?", isShort: false));
            if (!string.IsNullOrWhiteSpace(change.Reason))
            {
                fields.Add(SlackMarkup.Field("Reason", change.Reason, isShort: false));
            }
        }

        fields.Add(SlackMarkup.Field("Changed at", change.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture), isShort: true));
        var message = new JsonObject
        {
            ["text"] = SlackMarkup.Escape(title),
            ["blocks"] = new JsonArray(SlackMarkup.Section($"*{SlackMarkup.Escape(title)}*"), SlackMarkup.Context(context)),
            ["attachments"] = new JsonArray(new JsonObject
            {
                ["color"] = change.After is null ? "#E01E5A" : change.After.IsEnabledAnywhere ? "#2EB67D" : "#9E9E9E",
                ["fallback"] = SlackMarkup.Escape(title),
                ["fields"] = fields,
                ["footer"] = SlackMarkup.Escape($"Host: {change.Environment}"),
                ["ts"] = change.OccurredAt.ToUnixTimeSeconds(),
            }),
        };
        return message.ToJsonString(NotificationJson.Options);
    }

    /// <summary>GitLab's QA channel message after the tests were started.</summary>
    public static string EndToEndTriggered(string title, string? pipelineUrl)
    {
        var sentence = $"An end-to-end test pipeline has been triggered: {pipelineUrl ?? "(the trigger answered without a pipeline URL)"}";
        var shown = pipelineUrl is null ? SlackMarkup.Escape(sentence) : "An end-to-end test pipeline has been triggered: " + SlackMarkup.Link(pipelineUrl, pipelineUrl);
        return QaMessage(title, sentence, shown);
    }

    /// <summary>GitLab's QA channel message when the tests could not be started.</summary>
    public static string EndToEndFailed(string title, string reason)
    {
        var sentence = $"Failed to trigger end-to-end test pipeline: {reason}";
        return QaMessage(title, sentence, SlackMarkup.Escape(sentence));
    }

    private static string QaMessage(string title, string sentence, string shown) =>
        new JsonObject
        {
            ["text"] = SlackMarkup.Escape(sentence),
            ["blocks"] = new JsonArray(SlackMarkup.Section($"*{SlackMarkup.Escape(title)}*\n{shown}")),
        }.ToJsonString(NotificationJson.Options);
}
