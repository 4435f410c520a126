namespace Vexil.Server.Snapshots;

/// <summary>What a <see cref="FeedEvent"/> says.</summary>
public enum FeedEventKind
{
    /// <summary>One accepted change: a flag's new state (or its removal) at a sequence number.</summary>
    Change,

    /// <summary>
    /// The environment moved in a way change events cannot express (a wholesale reload, a gap, a point the history no
    /// longer holds): consumers refetch the snapshot.
    /// </summary>
    Reset,

    /// <summary>Nothing changed; a stream writes a keep-alive. Only subscribers that asked for pulses get these.</summary>
    Heartbeat,
}
