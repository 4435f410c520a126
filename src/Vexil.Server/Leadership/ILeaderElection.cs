namespace Vexil.Server.Leadership;

/// <summary>
/// Runs work that must happen once per cluster (notification deliveries; later, rollout steps) on one server process at
/// a time. Each kind of work has its own named lock (<see cref="LeaderLocks"/>), so different replicas may lead
/// different kinds.
/// </summary>
public interface ILeaderElection
{
    /// <summary>
    /// Until <paramref name="stoppingToken"/> is cancelled: waits to become the leader for <paramref name="lockName"/>,
    /// then runs <paramref name="work"/> with a token that is cancelled when leadership is lost (the database session
    /// holding it ends) or the process stops. After a loss it waits to lead again and starts the work afresh.
    /// </summary>
    Task RunWhileLeadingAsync(string lockName, Func<CancellationToken, Task> work, CancellationToken stoppingToken);

    /// <summary>True while this process leads <paramref name="lockName"/>.</summary>
    bool IsLeading(string lockName);
}
