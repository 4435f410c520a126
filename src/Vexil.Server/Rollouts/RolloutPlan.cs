namespace Vexil.Server.Rollouts;

/// <summary>
/// A production percentage ladder that Vexil runs by itself: each step an ordinary change through the write path,
/// the next one once <see cref="Every"/> has passed and every check held. Immutable; the runner saves a new copy after
/// each move.
/// </summary>
public sealed record RolloutPlan
{
    /// <summary>The plan's id (0 until stored).</summary>
    public long Id { get; init; }

    /// <summary>Grows by one with every save; a save of an older copy is refused (<see cref="IRolloutStore.SaveAsync"/>).</summary>
    public int Version { get; init; }

    /// <summary>The flag.</summary>
    public required string Flag { get; init; }

    /// <summary>The environment's canonical name.</summary>
    public required string Environment { get; init; }

    /// <summary>Where the plan stands.</summary>
    public RolloutStatus Status { get; init; } = RolloutStatus.Running;

    /// <summary>The ladder, in order; each with its planned and actual time.</summary>
    public required IReadOnlyList<RolloutStep> Steps { get; init; }

    /// <summary>The least time between two steps.</summary>
    public required TimeSpan Every { get; init; }

    /// <summary>The verification period after the last step (zero for none).</summary>
    public TimeSpan Verify { get; init; }

    /// <summary>The named checks (<c>Vexil:Rollouts:Checks:&lt;name&gt;</c>) that gate the plan.</summary>
    public IReadOnlyList<string> Checks { get; init; } = [];

    /// <summary>Each check's value captured just before the plan started, for limits relative to it.</summary>
    public IReadOnlyDictionary<string, double> Baselines { get; init; } = new Dictionary<string, double>();

    /// <summary>On a failed check, switch the flag off instead of back to the last step that held.</summary>
    public bool RollbackToOff { get; init; }

    /// <summary>The index of the last step applied and holding; -1 before the first.</summary>
    public int CurrentStep { get; init; } = -1;

    /// <summary>
    /// How many times the plan was rolled back. It is part of each step's key, so a step applied again after a rollback
    /// is a new change, while a step applied twice in one attempt (a leader that died mid-step) is not.
    /// </summary>
    public int Attempt { get; init; }

    /// <summary>When the next step (or the end of verification) is due; null while paused or finished.</summary>
    public DateTimeOffset? NextAt { get; init; }

    /// <summary>Why the plan is paused, aborted or was rolled back; null while it runs.</summary>
    public string? Reason { get; init; }

    /// <summary>The latest reading of each check.</summary>
    public IReadOnlyList<CheckReading> LatestChecks { get; init; } = [];

    /// <summary>Since when each check has been unevaluable (for its grace period); absent while it evaluates.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> UnevaluableSince { get; init; } = new Dictionary<string, DateTimeOffset>();

    /// <summary>Who started it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was started.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When it completed or was aborted.</summary>
    public DateTimeOffset? FinishedAt { get; init; }

    /// <summary>True while running, paused or verifying.</summary>
    public bool IsActive => RolloutStatuses.IsActive(Status);

    /// <summary>The step after the current one, or null after the last.</summary>
    public int? NextStep => CurrentStep + 1 < Steps.Count ? CurrentStep + 1 : null;

    /// <summary>The key of a step's change in the audit trail: plan, attempt and step.</summary>
    public string StepKey(int step) => $"{Id}:{Attempt}:{step}";
}
