using Vexil.Server.Leadership;

namespace Vexil.Server.Rollouts;

/// <summary>
/// Rollout leadership from the cluster's leader election: this process leads while it holds the
/// <see cref="LeaderLocks.Rollouts"/> lock (a PostgreSQL advisory lock; with SQLite, while its runner runs).
/// </summary>
public sealed class ElectedRolloutLeadership(ILeaderElection leaders) : IRolloutLeadership
{
    /// <inheritdoc />
    public bool IsLeader => leaders.IsLeading(LeaderLocks.Rollouts);
}
