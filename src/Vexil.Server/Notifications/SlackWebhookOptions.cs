namespace Vexil.Server.Notifications;

/// <summary>One Slack-compatible incoming webhook (Slack, Mattermost and Rocket.Chat accept the same JSON).</summary>
public sealed class SlackWebhookOptions
{
    /// <summary>The webhook's URL, e.g. <c>https://hooks.slack.com/services/T000/B000/XXXX</c>; unset turns it off. It is a secret: it is never stored or shown.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>True when a URL is set.</summary>
    public bool IsConfigured => !string.IsNullOrWhiteSpace(WebhookUrl);
}
