namespace Vexil.Server.Snapshots;

/// <summary><c>Vexil:Sync</c>: how often to look for changes written by other server processes.</summary>
public sealed class SnapshotSyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Sync";

    /// <summary>The polling interval; 1 second by default.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
