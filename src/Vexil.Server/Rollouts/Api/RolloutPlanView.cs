namespace Vexil.Server.Rollouts.Api;

/// <summary>A rollout plan as the API shows it: durations in the short form (<c>15m</c>), each step with its planned and actual time.</summary>
public sealed record RolloutPlanView(
    long Id,
    string Flag,
    string Environment,
    string Status,
    IReadOnlyList<RolloutStep> Steps,
    int CurrentStep,
    string Every,
    string Verify,
    IReadOnlyList<string> Checks,
    IReadOnlyDictionary<string, double> Baselines,
    IReadOnlyList<CheckReading> LatestChecks,
    DateTimeOffset? NextAt,
    string? Reason,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>The view of a plan.</summary>
    public static RolloutPlanView Of(RolloutPlan plan) => new(
        plan.Id,
        plan.Flag,
        plan.Environment,
        RolloutStatuses.Word(plan.Status),
        plan.Steps,
        plan.CurrentStep,
        RolloutDuration.Format(plan.Every),
        plan.Verify == TimeSpan.Zero ? "0s" : RolloutDuration.Format(plan.Verify),
        plan.Checks,
        plan.Baselines,
        plan.LatestChecks,
        plan.NextAt,
        plan.Reason,
        plan.CreatedBy,
        plan.CreatedAt,
        plan.UpdatedAt,
        plan.FinishedAt);
}

/// <summary>The body of <c>POST /api/v1/rollouts</c>; everything but the flag has a default (production, the seeds' ladder, 15m, 1d, no checks).</summary>
public sealed record StartRolloutBody(string? Flag, string? Environment, IReadOnlyList<double>? Steps, string? Every, string? Verify, IReadOnlyList<string>? Checks);
