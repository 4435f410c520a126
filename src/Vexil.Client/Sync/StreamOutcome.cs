namespace Vexil.Client.Sync;

/// <summary>Why one connection to the stream ended.</summary>
internal enum StreamOutcome
{
    /// <summary>The server closed the stream (restart, slow subscriber): reconnect with Last-Event-ID.</summary>
    Ended,

    /// <summary>Nothing arrived within the heartbeat timeout: the connection is presumed dead.</summary>
    Silent,

    /// <summary>A reset, or a gap in sequence numbers: refetch the snapshot before reconnecting.</summary>
    NeedsSnapshot,
}
