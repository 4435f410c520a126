namespace Vexil.Server.Snapshots;

/// <summary>
/// What this server knows about its link to the database, for <c>/health</c>: since when the store has not answered
/// (the sync poll asks it every interval, and <c>/health</c> pings it), and whether the change signal (PostgreSQL
/// LISTEN) is in place or being reconnected. Updated by <see cref="SnapshotSyncService"/> and the health endpoint.
/// </summary>
public sealed class SyncStatus(TimeProvider time)
{
    private readonly Lock gate = new();
    private DateTimeOffset? unreachableSince;
    private DateTimeOffset? listenerLostSince;
    private bool listening;

    /// <summary>When the store stopped answering, or null while it answers.</summary>
    public DateTimeOffset? UnreachableSince
    {
        get
        {
            lock (gate)
            {
                return unreachableSince;
            }
        }
    }

    /// <summary>
    /// The change signal's state: null when the store has none (SQLite: one process, nothing to listen to),
    /// <c>listening</c>, <c>connecting</c> before the first LISTEN, or <c>reconnecting since ...</c>.
    /// </summary>
    public string? Listener
    {
        get
        {
            lock (gate)
            {
                if (!UsesSignal)
                {
                    return null;
                }

                return listening ? "listening"
                    : listenerLostSince is { } since ? $"reconnecting since {since.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}"
                    : "connecting";
            }
        }
    }

    /// <summary>True when the store signals changes and this server listens for them.</summary>
    public bool UsesSignal { get; private set; }

    /// <summary>The store answered.</summary>
    public void StoreAnswered()
    {
        lock (gate)
        {
            unreachableSince = null;
        }
    }

    /// <summary>The store did not answer; the first failure in a row sets the time.</summary>
    public void StoreFailed()
    {
        lock (gate)
        {
            unreachableSince ??= time.GetUtcNow();
        }
    }

    /// <summary>The change signal is about to be listened to for the first time.</summary>
    public void ListenerStarting()
    {
        lock (gate)
        {
            UsesSignal = true;
        }
    }

    /// <summary>The change signal is in place (again).</summary>
    public void ListenerConnected()
    {
        lock (gate)
        {
            listening = true;
            listenerLostSince = null;
        }
    }

    /// <summary>The change signal's connection failed; the first failure in a row sets the time.</summary>
    public void ListenerLost()
    {
        lock (gate)
        {
            listening = false;
            listenerLostSince ??= time.GetUtcNow();
        }
    }
}
