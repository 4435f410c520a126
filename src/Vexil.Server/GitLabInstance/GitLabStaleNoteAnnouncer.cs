using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Vexil.Server.Lifecycle;
using Vexil.Server.Notifications.Dispatch;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// Adds a note to a stale flag's rollout issue (the definition's <c>rollout_issue_url</c>) through GitLab's Notes API,
/// when <c>Vexil:GitLab:Url</c> and <c>Token</c> are set. Sent at once, not through the delivery outbox: the outbox keys
/// deliveries by audit event, and a stale flag is an audit record (docs/lifecycle.md says why and what a later schema
/// change would bring). A failure is logged; the monitor announces each flag once.
/// </summary>
public sealed class GitLabStaleNoteAnnouncer(
    IOptions<GitLabInstanceOptions> options,
    IHttpClientFactory clients,
    ILogger<GitLabStaleNoteAnnouncer> logger) : IStaleFlagAnnouncer
{
    /// <summary>The note: why the flag is stale and what to do, as the team channel is told.</summary>
    public static string Note(StaleFlag flag)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Feature flag `{flag.Name}` is stale");
        text.Append(flag.Type is null ? ".\n\n" : string.Create(CultureInfo.InvariantCulture, $" (a {flag.Type} flag of {flag.Milestone}, past its lifetime).\n\n"));
        foreach (var reason in flag.Reasons)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {reason.Evidence}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nRemove the code that reads it (`vexil scan --flag {flag.Name}`), then `feature cleanup {flag.Name}`; or add `lifecycle: permanent` to its definition to keep it.\n");
        return text.ToString();
    }

    /// <inheritdoc />
    public async Task AnnounceAsync(StaleFlag flag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(flag);
        var settings = options.Value;
        if (!settings.IsConfigured || string.IsNullOrWhiteSpace(flag.RolloutIssueUrl)
            || !Uri.TryCreate(settings.Url!.Trim().TrimEnd('/') + "/", UriKind.Absolute, out var instance))
        {
            return;
        }

        if (GitLabIssueReference.TryParse(flag.RolloutIssueUrl, instance) is not { } issue)
        {
            logger.LogWarning("The rollout issue of stale flag {Flag} ({Url}) is not an issue URL on {Instance}; it gets no note", flag.Name, flag.RolloutIssueUrl, instance);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, $"api/v4/projects/{Uri.EscapeDataString(issue.ProjectPath)}/issues/{issue.Iid}/notes"))
        {
            Content = new StringContent(new JsonObject { ["body"] = Note(flag) }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(GitLabDeliveryChannel.TokenHeader, settings.Token!.Trim());
        var (outcome, _) = await DeliveryHttp.SendAsync(clients.CreateClient(DeliveryHttp.HttpClientName), request, cancellationToken);
        if (!outcome.Delivered)
        {
            logger.LogWarning("The stale-flag note of {Flag} on {Issue} failed: {Error}", flag.Name, flag.RolloutIssueUrl, outcome.Error);
        }
    }
}
