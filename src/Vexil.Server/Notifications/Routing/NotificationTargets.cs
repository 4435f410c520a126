namespace Vexil.Server.Notifications.Routing;

/// <summary>
/// The names deliveries give their receivers. A delivery stores the name, never the URL or secret, and the channel
/// looks the receiver up in configuration when it sends.
/// </summary>
public static class NotificationTargets
{
    /// <summary>The production channel's webhook.</summary>
    public const string ProductionChannel = "slack:production";

    /// <summary>The QA channel's webhook.</summary>
    public const string QaChannel = "slack:qa";

    /// <summary>The end-to-end test trigger.</summary>
    public const string EndToEnd = "end_to_end";

    private const string TeamPrefix = "slack:team:";
    private const string WebhookPrefix = "webhook:";

    /// <summary>The team channel of a definition group, e.g. <c>slack:team:group::duo chat</c>.</summary>
    public static string ForTeam(string group) => TeamPrefix + group;

    /// <summary>A generic webhook, e.g. <c>webhook:grafana</c>.</summary>
    public static string ForWebhook(string name) => WebhookPrefix + name;

    /// <summary>The Slack webhook URL a target names in <paramref name="options"/>; null when it is not (or no longer) configured.</summary>
    public static Uri? FindSlackUrl(string target, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        var url = target switch
        {
            ProductionChannel => options.ProductionChannel.WebhookUrl,
            QaChannel => options.QaChannel.WebhookUrl,
            _ when target.StartsWith(TeamPrefix, StringComparison.Ordinal) =>
                options.TeamChannels.FirstOrDefault(team => team.Matches(target[TeamPrefix.Length..]))?.WebhookUrl,
            _ => null,
        };
        return NotificationOptionsValidator.ParseUrl(url);
    }

    /// <summary>The webhook a target names in <paramref name="options"/>; null when it is not (or no longer) configured.</summary>
    public static WebhookOptions? FindWebhook(string target, NotificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(options);
        return target.StartsWith(WebhookPrefix, StringComparison.Ordinal)
            ? options.Webhooks.FirstOrDefault(webhook => string.Equals(webhook.Name, target[WebhookPrefix.Length..], StringComparison.OrdinalIgnoreCase))
            : null;
    }
}
