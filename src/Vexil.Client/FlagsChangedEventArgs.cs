namespace Vexil.Client;

/// <summary>Raised after the client applied new flag states.</summary>
public sealed class FlagsChangedEventArgs : EventArgs
{
    /// <summary>Creates the arguments.</summary>
    public FlagsChangedEventArgs(long sequence, IReadOnlyList<string> flags, bool isFullSnapshot)
    {
        Sequence = sequence;
        Flags = flags;
        IsFullSnapshot = isFullSnapshot;
    }

    /// <summary>The environment's sequence number the client now reflects.</summary>
    public long Sequence { get; }

    /// <summary>The flags that changed; for a full snapshot, every flag whose answer may have changed.</summary>
    public IReadOnlyList<string> Flags { get; }

    /// <summary>True when a whole snapshot was applied (first sync, a reset, or a poll) rather than one change event.</summary>
    public bool IsFullSnapshot { get; }
}
