namespace Vexil.Server.Notifications;

/// <summary>
/// <c>Vexil:Notifications</c>: who hears about accepted changes. Every receiver is optional; with none configured,
/// changes are still queued and planned, and simply produce no deliveries.
/// </summary>
public sealed class NotificationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Notifications";

    /// <summary>A Slack-compatible incoming webhook that hears every change to a protected environment (GitLab's #production cross-post).</summary>
    public SlackWebhookOptions ProductionChannel { get; set; } = new();

    /// <summary>
    /// The owning teams' channels: a change to a protected environment is cross-posted to the channel of the flag
    /// definition's <c>group</c>. A list, because a group such as <c>group::duo chat</c> contains colons, which
    /// configuration keys cannot hold.
    /// </summary>
    public List<TeamChannelOptions> TeamChannels { get; set; } = [];

    /// <summary>The QA channel's incoming webhook: told whether an end-to-end test pipeline was triggered.</summary>
    public SlackWebhookOptions QaChannel { get; set; } = new();

    /// <summary>The end-to-end test pipeline trigger.</summary>
    public EndToEndOptions EndToEnd { get; set; } = new();

    /// <summary>Generic JSON webhooks (Grafana annotation relays, log trackers): each gets every change as signed JSON.</summary>
    public List<WebhookOptions> Webhooks { get; set; } = [];

    /// <summary>How deliveries are retried and paced.</summary>
    public DeliveryOptions Delivery { get; set; } = new();
}
