using System.Globalization;
using Vexil.Server.Deployments;
using Vexil.Server.Rollouts;
using Vexil.Server.Storage;

namespace Vexil.Server.Dashboard.Views;

/// <summary>
/// Deployments and rollout plans as entries of the dashboard's timelines, beside the audit trail's changes. A plan's
/// steps and rollbacks are already changes in the trail (via <c>rollout</c>); what the trail lacks is the plan itself
/// starting and finishing, which the plan's stored times give. Deployments read the same way as the native audit
/// query's <c>include=deployments</c> entries.
/// </summary>
public static class TimelineEntries
{
    /// <summary>The kind of a plan's start or end on the dashboard's timelines (not stored: made from the plan).</summary>
    public const string RolloutPlan = "rollout_plan";

    /// <summary>A deployment as an entry of kind <see cref="AuditKinds.Deployment"/>.</summary>
    public static AuditEntry Of(Deployment deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        var status = DeploymentStatuses.ToText(deployment.Status);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["deployment_id"] = deployment.Id.ToString(CultureInfo.InvariantCulture),
            ["sha"] = deployment.Sha,
            ["ref"] = deployment.Ref,
            ["status"] = status,
            ["url"] = deployment.Url ?? string.Empty,
        };
        return new AuditEntry(null, new AuditRecord(
            deployment.Id,
            AuditKinds.Deployment,
            deployment.FinishedAt,
            deployment.Environment,
            null,
            status,
            deployment.RecordedBy,
            ChangeChannels.Api,
            null,
            null,
            $"Deployed {deployment.Ref} ({deployment.Sha[..Math.Min(11, deployment.Sha.Length)]}) to {deployment.Environment}: {status}",
            null,
            details));
    }

    /// <summary>A plan's start and, once it completed or was aborted, its end, as entries of kind <see cref="RolloutPlan"/>.</summary>
    public static IEnumerable<AuditEntry> Of(RolloutPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var steps = string.Join(", ", plan.Steps.Select(step => step.Percentage.ToString(CultureInfo.InvariantCulture) + "%"));
        yield return Entry(plan, plan.CreatedAt, "start", $"started rollout plan {plan.Id} on {plan.Environment}: {steps}, every {RolloutDuration.Format(plan.Every)}");
        if (plan.FinishedAt is { } finished)
        {
            var word = RolloutStatuses.Word(plan.Status);
            yield return Entry(plan, finished, word, $"rollout plan {plan.Id} on {plan.Environment} {word}{(plan.Reason is { } reason ? ": " + reason : ".")}");
        }
    }

    private static AuditEntry Entry(RolloutPlan plan, DateTimeOffset at, string action, string title) =>
        new(null, new AuditRecord(
            plan.Id,
            RolloutPlan,
            at,
            plan.Environment,
            plan.Flag,
            action,
            plan.CreatedBy,
            ChangeChannels.Rollout,
            null,
            null,
            title,
            null,
            new Dictionary<string, string>(StringComparer.Ordinal) { ["rollout_plan"] = plan.Id.ToString(CultureInfo.InvariantCulture) }));
}
