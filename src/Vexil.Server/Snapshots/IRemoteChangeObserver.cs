namespace Vexil.Server.Snapshots;

/// <summary>
/// Told when the store's change signal (PostgreSQL LISTEN/NOTIFY) names an environment, after this server caught up
/// with it: a change was committed there, possibly by another replica. Work that runs on one replica for the whole
/// cluster (the notification leader) uses it to start at once rather than at its next poll. It may also be told of this
/// server's own changes; being told twice must be harmless.
/// </summary>
public interface IRemoteChangeObserver
{
    /// <summary>A change to <paramref name="environment"/> was committed; must return quickly and not throw.</summary>
    void OnSignalled(string environment);
}
