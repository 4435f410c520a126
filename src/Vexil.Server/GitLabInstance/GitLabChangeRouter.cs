using System.Text.Json;
using Microsoft.Extensions.Options;
using Vexil.Server.Definitions;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;
using Vexil.Server.Storage;

namespace Vexil.Server.GitLabInstance;

/// <summary>
/// Plans the GitLab deliveries of a change, when <c>Vexil:GitLab:Url</c> and <c>Token</c> are set: a note on the flag's
/// rollout issue (the <c>rollout_issue_url</c> recorded with the change, else the definition's), and, with
/// <c>Vexil:GitLab:FeatureFlagLogProject</c>, an issue in the feature-flag log project. They join the durable outbox
/// as deliveries, so they are retried, dead-lettered and never lost while GitLab is down.
/// </summary>
public sealed class GitLabChangeRouter(IOptions<GitLabInstanceOptions> options, DefinitionRegistry definitions, ILogger<GitLabChangeRouter> logger) : IChangeRouteContributor
{
    /// <summary>The target of the rollout-issue note (one per change).</summary>
    public const string NoteTarget = "gitlab:rollout_issue";

    /// <summary>The target of the feature-flag log issue (one per change).</summary>
    public const string LogTarget = "gitlab:feature_flag_log";

    /// <inheritdoc />
    public IEnumerable<NewDelivery> Route(AuditEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var settings = options.Value;
        if (!settings.IsConfigured || !Uri.TryCreate(settings.Url!.Trim(), UriKind.Absolute, out var instance))
        {
            yield break;
        }

        var rollout = change.Details.GetValueOrDefault("rollout_issue_url")
            ?? (definitions.Current.TryGet(change.Flag, out var definition) ? definition.RolloutIssueUrl : null);
        if (!string.IsNullOrWhiteSpace(rollout))
        {
            if (GitLabIssueReference.TryParse(rollout, instance) is { } issue)
            {
                yield return Delivery(DeliveryKinds.GitLabNote, NoteTarget, new GitLabDeliveryPayload(issue.ProjectPath, issue.Iid, null, GitLabChangeMessages.Note(change), null));
            }
            else
            {
                logger.LogWarning(
                    "The rollout issue of {Flag} ({Url}) is not an issue URL on {Instance}; change {Id} gets no note",
                    change.Flag,
                    rollout,
                    instance,
                    change.Id);
            }
        }

        if (settings.FeatureFlagLogProject is { Length: > 0 } project)
        {
            yield return Delivery(
                DeliveryKinds.GitLabIssue,
                LogTarget,
                new GitLabDeliveryPayload(project.Trim(), null, GitLabChangeMessages.Title(change), GitLabChangeMessages.LogDescription(change), GitLabChangeMessages.Labels(change)));
        }
    }

    private static NewDelivery Delivery(string kind, string target, GitLabDeliveryPayload payload) =>
        new(kind, target, JsonSerializer.Serialize(payload, NotificationJson.Options));
}
