using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Vexil.Server.Snapshots;

/// <summary>
/// The server's one change feed: every change the <see cref="SnapshotCache"/> applies (and every wholesale reload, as a
/// reset) goes to every consumer, with the change itself (sequence, flag, new state). Per environment it keeps a
/// bounded history, so a client reconnecting with <c>Last-Event-ID</c> resumes from memory, and one bounded queue per
/// subscriber: a subscriber that falls too far behind is disconnected and never slows the writer.
/// </summary>
/// <remarks>
/// Publishing and subscribing take the environment's lock, so a subscriber's replay (history after its point) and its
/// live queue meet exactly at the sequence it subscribed at: every later change exactly once, whatever is being
/// written meanwhile. Publishing only appends to arrays and calls <c>TryWrite</c>, so the lock is held for
/// microseconds; snapshot readers never take it.
/// </remarks>
public sealed class ChangeFeed
{
    // Notice-only subscribers (OFREP's refetchEvaluation stream) coalesce: a dropped old notice loses nothing.
    private const int CoalescingCapacity = 64;

    private readonly ConcurrentDictionary<string, EnvironmentFeed> feeds = new(StringComparer.Ordinal);
    private readonly int history;
    private readonly int maxQueued;
    private int subscriberCount;

    /// <summary>Creates the feed with <c>Vexil:Stream</c>'s history and queue sizes.</summary>
    public ChangeFeed(IOptions<StreamOptions> options)
    {
        history = options.Value.History;
        maxQueued = options.Value.MaxQueuedEvents;
    }

    /// <summary>Number of live subscriptions, every environment together.</summary>
    public int SubscriberCount => Volatile.Read(ref subscriberCount);

    /// <summary>The sequence an environment's feed is at (the last change or reset published).</summary>
    public long CurrentSequence(string environment) => Feed(environment).Current;

    /// <summary>
    /// Publishes one event to the environment's subscribers. Changes must come in sequence order (the snapshot cache
    /// applies them so); a change that does not follow the last one is published as a reset instead, since a
    /// subscriber could not tell what it missed. A reset clears the history: nothing before it can be resumed.
    /// </summary>
    /// <param name="feedEvent">The change or reset.</param>
    /// <param name="swap">
    /// Run under the environment's lock before the event is delivered: the snapshot cache swaps the new snapshot in
    /// here, so a client that reads the snapshot at sequence N and then subscribes from N never finds the feed behind
    /// it (which would look like a point ahead of the environment), and a consumer told of a change already reads it.
    /// </param>
    public void Publish(FeedEvent feedEvent, Action? swap = null)
    {
        ArgumentNullException.ThrowIfNull(feedEvent);
        if (feedEvent.Kind == FeedEventKind.Heartbeat)
        {
            throw new ArgumentException("Heartbeats are sent with Pulse, not published.", nameof(feedEvent));
        }

        Feed(feedEvent.Environment).Publish(feedEvent, swap);
    }

    /// <summary>
    /// Subscribes to an environment. With <paramref name="after"/> null the subscription starts at the current
    /// sequence; otherwise <see cref="ChangeFeedSubscription.Replay"/> holds the changes after it from the history, or
    /// a reset when the history does not reach back that far or the point is ahead of the environment.
    /// </summary>
    /// <param name="environment">The environment's canonical name.</param>
    /// <param name="after">The last sequence the subscriber has seen, if any.</param>
    /// <param name="coalesce">
    /// True for subscribers that only need to know that something changed: their small queue drops the oldest event
    /// when full instead of disconnecting them.
    /// </param>
    public ChangeFeedSubscription Subscribe(string environment, long? after = null, bool coalesce = false)
    {
        var queue = coalesce ? new FeedQueue(CoalescingCapacity, dropsOldest: true) : new FeedQueue(maxQueued, dropsOldest: false);
        var subscription = Feed(environment).Subscribe(queue, after, coalesce, this);
        Interlocked.Increment(ref subscriberCount);
        return subscription;
    }

    /// <summary>Queues a heartbeat for a subscription unless its queue is full (a full queue already has something to send).</summary>
    public static void Pulse(ChangeFeedSubscription subscription)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        subscription.Queue.TryWrite(FeedEvent.Heartbeat);
    }

    internal void Unsubscribe(ChangeFeedSubscription subscription)
    {
        Feed(subscription.Environment).Remove(subscription);
        Interlocked.Decrement(ref subscriberCount);
    }

    private EnvironmentFeed Feed(string environment) => feeds.GetOrAdd(environment, name => new EnvironmentFeed(name, history));

    private sealed class EnvironmentFeed(string environment, int capacity)
    {
        private readonly Lock sync = new();
        private readonly FeedEvent[] ring = new FeedEvent[Math.Max(1, capacity)];
        private int start;
        private int count;

        // The history covers the changes after baseSequence up to current, without a gap.
        private long baseSequence;
        private long current;
        // Read and changed only under the lock (publishing iterates it there), so a plain list: no copy per subscribe,
        // which 10,000 streams connecting at once would pay quadratically.
        private readonly List<ChangeFeedSubscription> subscribers = [];

        public long Current
        {
            get
            {
                lock (sync)
                {
                    return current;
                }
            }
        }

        public void Publish(FeedEvent feedEvent, Action? swap)
        {
            lock (sync)
            {
                swap?.Invoke();
                if (feedEvent.Kind == FeedEventKind.Change && feedEvent.Sequence != current + 1)
                {
                    feedEvent = FeedEvent.Reset(
                        environment,
                        feedEvent.Sequence,
                        $"the change feed jumped from {current} to {feedEvent.Sequence}");
                }

                if (feedEvent.Kind == FeedEventKind.Reset)
                {
                    Array.Clear(ring);
                    start = 0;
                    count = 0;
                    baseSequence = feedEvent.Sequence;
                }
                else
                {
                    Append(feedEvent);
                }

                current = feedEvent.Sequence;
                List<ChangeFeedSubscription>? dropped = null;
                foreach (var subscriber in subscribers)
                {
                    if (!subscriber.Queue.TryWrite(feedEvent))
                    {
                        // Only a full, non-coalescing queue refuses: the subscriber is too slow. Complete its queue so
                        // its stream ends after what it already holds, and stop writing to it.
                        subscriber.Queue.TryComplete(new ChangeFeedOverflowException(subscriber.Environment));
                        (dropped ??= []).Add(subscriber);
                    }
                }

                if (dropped is not null)
                {
                    subscribers.RemoveAll(dropped.Contains);
                }
            }
        }

        public ChangeFeedSubscription Subscribe(FeedQueue queue, long? after, bool coalesce, ChangeFeed owner)
        {
            lock (sync)
            {
                IReadOnlyList<FeedEvent> replay = [];
                if (after is { } point && point != current)
                {
                    if (point > current)
                    {
                        replay = [FeedEvent.Reset(environment, current, $"Last-Event-ID {point} is ahead of the environment's sequence {current} (the database may have been restored)")];
                    }
                    else if (point < baseSequence)
                    {
                        replay = [FeedEvent.Reset(environment, current, $"Last-Event-ID {point} is older than the changes this server keeps (from {baseSequence + 1})")];
                    }
                    else
                    {
                        replay = Since(point);
                    }
                }

                var subscription = new ChangeFeedSubscription(owner, environment, current, replay, queue, coalesce);
                subscribers.Add(subscription);
                return subscription;
            }
        }

        public void Remove(ChangeFeedSubscription subscription)
        {
            lock (sync)
            {
                subscribers.Remove(subscription);
            }
        }

        private void Append(FeedEvent feedEvent)
        {
            if (count == ring.Length)
            {
                baseSequence = ring[start].Sequence;
                ring[start] = feedEvent;
                start = (start + 1) % ring.Length;
            }
            else
            {
                ring[(start + count) % ring.Length] = feedEvent;
                count++;
            }
        }

        // The history is contiguous, so the change after `point` sits at a known offset.
        private FeedEvent[] Since(long point)
        {
            var skip = (int)(point - baseSequence);
            var result = new FeedEvent[count - skip];
            for (var i = 0; i < result.Length; i++)
            {
                result[i] = ring[(start + skip + i) % ring.Length];
            }

            return result;
        }
    }
}
