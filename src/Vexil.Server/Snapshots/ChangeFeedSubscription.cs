using System.Threading.Channels;

namespace Vexil.Server.Snapshots;

/// <summary>
/// One consumer's place in an environment's <see cref="ChangeFeed"/>: first the <see cref="Replay"/>, then the live
/// events from <see cref="Reader"/>. Dispose to leave.
/// </summary>
public sealed class ChangeFeedSubscription : IDisposable
{
    private readonly ChangeFeed owner;
    private int disposed;

    internal ChangeFeedSubscription(ChangeFeed owner, string environment, long sequence, IReadOnlyList<FeedEvent> replay, FeedQueue queue, bool coalesces)
    {
        this.owner = owner;
        Environment = environment;
        Sequence = sequence;
        Replay = replay;
        Queue = queue;
        Coalesces = coalesces;
    }

    /// <summary>The environment's canonical name.</summary>
    public string Environment { get; }

    /// <summary>The environment's sequence when the subscription started: live events follow it.</summary>
    public long Sequence { get; }

    /// <summary>What to send before the live events: the changes after the requested point, or one reset.</summary>
    public IReadOnlyList<FeedEvent> Replay { get; }

    /// <summary>
    /// The live events, in order. The reader completes with <see cref="ChangeFeedOverflowException"/> when the
    /// subscriber fell too far behind.
    /// </summary>
    public ChannelReader<FeedEvent> Reader => Queue;

    /// <summary>True for a notice-only subscription whose queue drops old events instead of overflowing.</summary>
    public bool Coalesces { get; }

    internal FeedQueue Queue { get; }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            Queue.TryComplete();
            owner.Unsubscribe(this);
        }
    }
}
