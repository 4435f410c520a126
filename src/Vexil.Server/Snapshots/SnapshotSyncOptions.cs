namespace Vexil.Server.Snapshots;

/// <summary>
/// <c>Vexil:Sync</c>: how this server follows changes written by other server processes sharing the database, and how
/// it reconnects its change signal (PostgreSQL LISTEN) when the connection drops. Time spans (<c>00:00:01</c>).
/// </summary>
public sealed class SnapshotSyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Sync";

    /// <summary>The polling interval; 1 second by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The wait before the first attempt to listen again after the connection dropped; 1 second by default. Each failed
    /// attempt doubles it, up to <see cref="MaxReconnectDelay"/>, and each wait is jittered (between half and all of it)
    /// so that replicas that lost the database together do not all come back in the same instant.
    /// </summary>
    public TimeSpan ReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts to listen again; 30 seconds by default.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);
}
