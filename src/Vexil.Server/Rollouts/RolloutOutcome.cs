namespace Vexil.Server.Rollouts;

/// <summary>What became of a request to start or control a plan: the plan as it now stands, or why nothing was done.</summary>
/// <param name="Plan">The plan; null when <paramref name="Problem"/> is set.</param>
/// <param name="Problem">What was wrong and what to do, or null.</param>
public sealed record RolloutOutcome(RolloutPlan? Plan, string? Problem)
{
    /// <summary>A refusal.</summary>
    public static RolloutOutcome Refused(string problem) => new(null, problem);

    /// <summary>Done.</summary>
    public static RolloutOutcome Of(RolloutPlan plan) => new(plan, null);
}
