namespace Vexil.Server.Rollouts;

/// <summary>
/// Durable rollout plans, one implementation per database (SQLite, PostgreSQL), checked by one shared contract test
/// suite. The database allows at most one active plan per flag and environment.
/// </summary>
public interface IRolloutStore
{
    /// <summary>Stores a new plan and returns it with its id; throws <see cref="RolloutAlreadyActiveException"/> when the flag already has an active plan in the environment.</summary>
    Task<RolloutPlan> CreateAsync(RolloutPlan plan, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a plan's new state (status, steps, readings) if nobody saved it since <paramref name="plan"/> was read (its
    /// <see cref="RolloutPlan.Version"/>), and returns the saved copy; null when someone did, so the caller reads it again
    /// rather than overwrite a pause it never saw.
    /// </summary>
    Task<RolloutPlan?> SaveAsync(RolloutPlan plan, CancellationToken cancellationToken = default);

    /// <summary>One plan, or null.</summary>
    Task<RolloutPlan?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>The active plan of a flag in an environment, or null.</summary>
    Task<RolloutPlan?> GetActiveAsync(string flag, string environment, CancellationToken cancellationToken = default);

    /// <summary>Plans, newest first: only active ones, or all (at most <paramref name="limit"/>).</summary>
    Task<IReadOnlyList<RolloutPlan>> ListAsync(bool activeOnly, int limit = 100, CancellationToken cancellationToken = default);

    /// <summary>
    /// The audit event already written for a step (found by the <c>rollout_step</c> key in its details), or null: how a
    /// new leader learns that the one before it applied the step but died before saving the plan.
    /// </summary>
    Task<(long Id, DateTimeOffset OccurredAt)?> FindStepChangeAsync(string environment, string flag, string stepKey, CancellationToken cancellationToken = default);
}
