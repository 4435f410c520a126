using Vexil.Server.Changes;
using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Wakes the notification worker when this server commits a change, so announcements go out at once rather than at
/// the next poll. It only rings: the change is already queued durably by the database, and a missed ring costs at
/// most one poll interval.
/// </summary>
public sealed class NotificationSignal : IChangeObserver, IDisposable
{
    private readonly SemaphoreSlim bell = new(0, 1);

    /// <inheritdoc />
    public void OnCommitted(AuditEvent change) => Ring();

    /// <summary>Wakes the worker (several rings before it wakes count as one).</summary>
    public void Ring()
    {
        try
        {
            bell.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already rung and not yet heard: one wake-up covers both.
        }
    }

    /// <summary>Waits for a ring or for <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => bell.WaitAsync(timeout, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => bell.Dispose();
}
