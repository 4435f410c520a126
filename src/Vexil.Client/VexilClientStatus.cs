namespace Vexil.Client;

/// <summary>How current the client's flags are.</summary>
public enum VexilClientStatus
{
    /// <summary>No flags yet (server unreachable at start and no saved snapshot): every flag answers false.</summary>
    Empty = 0,

    /// <summary>Answers come from a saved snapshot or from the last data seen before the server went away; the client keeps trying.</summary>
    Stale = 1,

    /// <summary>In sync with the server (the stream is live, or polling succeeds).</summary>
    Ready = 2,

    /// <summary>The client was disposed; it answers from its last flags and no longer syncs.</summary>
    Disposed = 3,
}
