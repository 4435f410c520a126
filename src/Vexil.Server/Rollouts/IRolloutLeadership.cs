namespace Vexil.Server.Rollouts;

/// <summary>
/// Whether this process may execute rollout plans now. Only the leader replica steps plans; the others still answer
/// status, pause, resume and abort, which are plain saves. The seam lets leader election (a PostgreSQL advisory lock)
/// plug in, and tests decide leadership by hand.
/// </summary>
public interface IRolloutLeadership
{
    /// <summary>True while this process holds leadership.</summary>
    bool IsLeader { get; }
}
