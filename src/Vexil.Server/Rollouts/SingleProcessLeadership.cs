namespace Vexil.Server.Rollouts;

/// <summary>
/// Leadership when nothing elects a leader: the process always leads. Right for SQLite, where one process owns the file;
/// with PostgreSQL and several replicas, register the leader election's <see cref="IRolloutLeadership"/> instead.
/// </summary>
public sealed class SingleProcessLeadership : IRolloutLeadership
{
    /// <inheritdoc />
    public bool IsLeader => true;
}
