namespace Vexil.Server.Rollouts;

/// <summary>One rung of a plan's ladder.</summary>
/// <param name="Percentage">The percentage of actors it sets; 100 enables the flag globally, as the seeds' last step does.</param>
/// <param name="PlannedAt">When it is (or was) due; null until the step before it is applied.</param>
/// <param name="AppliedAt">When its change was committed; null until then.</param>
/// <param name="AuditEventId">The audit event of its change.</param>
public sealed record RolloutStep(double Percentage, DateTimeOffset? PlannedAt = null, DateTimeOffset? AppliedAt = null, long? AuditEventId = null);
