using Vexil.Core.State;

namespace Vexil.Server.Snapshots;

/// <summary>
/// One entry of the <see cref="ChangeFeed"/>: a change (flag and new state, null when the flag was removed from the
/// environment), a reset, or a heartbeat pulse. Immutable and shared by every subscriber, so consumers may cache what
/// they derive from it (the stream endpoint caches the serialized event per instance).
/// </summary>
/// <param name="Kind">What the event says.</param>
/// <param name="Environment">The environment's canonical name (empty for a heartbeat).</param>
/// <param name="Sequence">For a change its sequence number; for a reset the sequence the environment is now at.</param>
/// <param name="Flag">The changed flag; null for a reset or heartbeat.</param>
/// <param name="State">The flag's new state; null when it was removed, and for a reset or heartbeat.</param>
/// <param name="Reason">Why a reset was sent; null otherwise.</param>
public sealed record FeedEvent(FeedEventKind Kind, string Environment, long Sequence, string? Flag, FlagState? State, string? Reason)
{
    /// <summary>The heartbeat pulse, one instance for everyone.</summary>
    public static FeedEvent Heartbeat { get; } = new(FeedEventKind.Heartbeat, string.Empty, 0, null, null, null);

    /// <summary>A change of one flag.</summary>
    public static FeedEvent Change(string environment, long sequence, string flag, FlagState? state) =>
        new(FeedEventKind.Change, environment, sequence, flag, state, null);

    /// <summary>A reset: consumers refetch the snapshot, then follow changes after <paramref name="sequence"/>.</summary>
    public static FeedEvent Reset(string environment, long sequence, string reason) =>
        new(FeedEventKind.Reset, environment, sequence, null, null, reason);
}
