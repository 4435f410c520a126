namespace Vexil.Server.Notifications.Deliveries;

/// <summary>The kinds of delivery, each sent by its own <see cref="Dispatch.IDeliveryChannel"/>.</summary>
public static class DeliveryKinds
{
    /// <summary>A message to a Slack-compatible incoming webhook.</summary>
    public const string Slack = "slack";

    /// <summary>An end-to-end test pipeline trigger.</summary>
    public const string EndToEnd = "end_to_end";

    /// <summary>A signed change event to a generic JSON webhook.</summary>
    public const string Webhook = "webhook";

    /// <summary>A note on a flag's rollout issue, through the team's GitLab instance (Notes API).</summary>
    public const string GitLabNote = "gitlab_note";

    /// <summary>An issue in the feature-flag log project, through the team's GitLab instance (Issues API).</summary>
    public const string GitLabIssue = "gitlab_issue";
}
