using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Lifecycle;

namespace Vexil.Server.Notifications.StaleFlags;

/// <summary>
/// Posts a stale-flag announcement to the owning group's team channel (<c>Vexil:Notifications:TeamChannels</c>), as a
/// Slack-compatible incoming-webhook message. A flag whose group has no channel is only logged.
/// </summary>
public sealed class TeamChannelStaleAnnouncer(
    IOptionsMonitor<NotificationOptions> notifications,
    IHttpClientFactory clients,
    ILogger<TeamChannelStaleAnnouncer> logger) : IStaleFlagAnnouncer
{
    /// <summary>The named HTTP client announcements are sent with.</summary>
    public const string HttpClientName = "vexil-stale-announcements";

    /// <summary>The message, in Slack's mrkdwn.</summary>
    public static string Message(StaleFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var reasons = string.Join("\n", flag.Reasons.Select(reason => "• " + reason.Evidence));
        var rollout = flag.RolloutIssueUrl is { Length: > 0 } url ? $"\nRollout issue: {url}" : string.Empty;
        return $"Feature flag `{flag.Name}` is stale{(flag.Type is null ? string.Empty : $" (a {flag.Type} flag of {flag.Milestone}, past its lifetime)")}:\n{reasons}{rollout}\n"
            + $"Remove the code that reads it (`vexil scan --flag {flag.Name}`), then `feature cleanup {flag.Name}`; or add `lifecycle: permanent` to its definition to keep it.";
    }

    /// <inheritdoc />
    public async Task AnnounceAsync(StaleFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var channel = notifications.CurrentValue.TeamChannels.FirstOrDefault(team => team.Matches(flag.Group) && !string.IsNullOrWhiteSpace(team.WebhookUrl));
        if (channel is null)
        {
            logger.LogInformation("Feature flag {Flag} became stale; its group {Group} has no team channel to tell", flag.Name, flag.Group ?? "(none)");
            return;
        }

        try
        {
            using var response = await clients.CreateClient(HttpClientName).PostAsJsonAsync(channel.WebhookUrl, new { text = Message(flag) }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("The team channel of {Group} answered {Status} to the stale-flag announcement of {Flag}", flag.Group, (int)response.StatusCode, flag.Name);
            }
        }
        catch (HttpRequestException exception)
        {
            logger.LogWarning("The stale-flag announcement of {Flag} to {Group}'s channel failed: {Error}", flag.Name, flag.Group, exception.Message);
        }
    }
}
