using Vexil.Server.Changes;
using Vexil.Server.Snapshots;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Wakes the notification worker when this server commits a change, or the change signal says another replica did (only
/// the leader's worker runs, so a change accepted by a follower must wake it), so announcements go out at once rather
/// than at the next poll. It only rings: the change is already queued durably by the database, and a missed ring costs at
/// most one poll interval. A ring wakes everyone waiting (the planner and every sending lane).
/// </summary>
public sealed class NotificationSignal : IChangeObserver, IRemoteChangeObserver
{
    private TaskCompletionSource bell = NewBell();

    /// <inheritdoc />
    public void OnCommitted(AuditEvent change) => Ring();

    /// <inheritdoc />
    public void OnSignalled(string environment) => Ring();

    /// <summary>Wakes everyone waiting.</summary>
    public void Ring() => Interlocked.Exchange(ref bell, NewBell()).TrySetResult();

    /// <summary>Waits for a ring or for <paramref name="timeout"/>, whichever comes first; throws when cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var rung = Volatile.Read(ref bell).Task;
        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timer.CancelAfter(timeout);
        await rung.WaitAsync(timer.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static TaskCompletionSource NewBell() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
