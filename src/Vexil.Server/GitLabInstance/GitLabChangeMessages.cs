using System.Globalization;
using System.Text;
using Vexil.Server.Changes;
using Vexil.Server.Storage;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// The text Vexil writes to GitLab about a change: the note on the rollout issue and the feature-flag log issue. They
/// follow GitLab's ChatOps: the log issue is titled with the change's log title ("Feature flag 'x' has been set to
/// 'true' on production"), labelled <c>host::&lt;environment&gt;</c> and <c>change</c>, and describes who changed it,
/// when, where, the rollout issue and the scopes.
/// </summary>
internal static class GitLabChangeMessages
{
    private static readonly (string Key, string Title)[] Scopes =
    [
        ("user", "User"),
        ("project", "Project"),
        ("group", "Group"),
        ("feature_group", "Feature group"),
        ("namespace", "Namespace"),
        ("repository", "Repository"),
    ];

    /// <summary>The change's log title, as the audit trail and the announcements word it.</summary>
    public static string Title(AuditEvent change) => change.Title ?? ChangeTitles.Of(change);

    /// <summary>The note on the rollout issue: what changed, where, by whom, the command and any overrides.</summary>
    public static string Note(AuditEvent change)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Title(change)}.\n\n");
        Facts(change, text);
        return text.ToString();
    }

    /// <summary>The feature-flag log issue's description: the same facts, the rollout issue and the scopes.</summary>
    public static string LogDescription(AuditEvent change)
    {
        var text = new StringBuilder();
        Facts(change, text);
        if (change.Details.TryGetValue("rollout_issue_url", out var rollout))
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Rollout issue:** {rollout}\n");
        }

        var scopes = Scopes.Where(scope => change.Details.ContainsKey(scope.Key)).ToArray();
        if (scopes.Length > 0)
        {
            text.Append("\n| Scope | Names |\n| --- | --- |\n");
            foreach (var (key, title) in scopes)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {title} | {Cell(change.Details[key])} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The log issue's labels: <c>host::&lt;environment&gt;</c> (GitLab's <c>host::gitlab.com</c>; Vexil's hosts are its
    /// environments), <c>change</c>, and GitLab's <c>Production check ignored</c> when that override was used.
    /// </summary>
    public static string Labels(AuditEvent change)
    {
        var labels = new List<string> { $"host::{change.Environment}", "change" };
        if (change.Details.TryGetValue("overrides", out var overrides) && overrides.Contains("Production check ignored", StringComparison.Ordinal))
        {
            labels.Add("Production check ignored");
        }

        return string.Join(',', labels);
    }

    private static void Facts(AuditEvent change, StringBuilder text)
    {
        text.Append(CultureInfo.InvariantCulture, $"- **Environment:** {change.Environment}\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Changed by:** {change.User} (via {change.Via}{(change.From is { Length: > 0 } from ? $", from {from}" : string.Empty)})\n");
        text.Append(CultureInfo.InvariantCulture, $"- **Changed at:** {change.OccurredAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}\n");
        if (change.Details.TryGetValue("command", out var command))
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Command:** `{command.Replace('`', '\'')}`\n");
        }

        if (change.Reason is { Length: > 0 } reason)
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Reason:** {reason}\n");
        }

        if (change.Details.TryGetValue("overrides", out var overrides))
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Overrides:** {overrides}\n");
        }

        // A rollout plan's automatic rollback: the check that failed, as the plan saw it, so the readers need not
        // look the numbers up (the rollback's change note is the one note about it; no second note is written).
        if (change.Details.ContainsKey("rollout_rollback") && change.Details.TryGetValue("check", out var check))
        {
            text.Append(CultureInfo.InvariantCulture, $"- **Failed check:** {check}\n");
            if (change.Details.TryGetValue("check_query", out var query))
            {
                text.Append(CultureInfo.InvariantCulture, $"- **Query:** `{query.Replace('`', '\'')}`\n");
            }

            if (change.Details.TryGetValue("check_value", out var value))
            {
                text.Append(CultureInfo.InvariantCulture, $"- **Value:** {value}\n");
            }

            if (change.Details.TryGetValue("check_threshold", out var threshold))
            {
                text.Append(CultureInfo.InvariantCulture, $"- **Threshold:** {threshold}\n");
            }
        }
    }

    // A table cell cannot hold a pipe or a line break.
    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
