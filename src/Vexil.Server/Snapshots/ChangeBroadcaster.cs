using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Vexil.Server.Snapshots;

/// <summary>
/// Fans change notices out to subscribers (SSE streams, dashboards). Each subscriber has its own small bounded
/// channel that drops the oldest notice when full: a slow reader never holds up a write, and since a notice only
/// says "refetch", losing an old one loses nothing.
/// </summary>
public sealed class ChangeBroadcaster
{
    private readonly ConcurrentDictionary<Guid, Channel<ChangeNotice>> subscribers = new();

    /// <summary>Number of live subscriptions.</summary>
    public int SubscriberCount => subscribers.Count;

    /// <summary>Subscribes; dispose the result to stop.</summary>
    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<ChangeNotice>(new BoundedChannelOptions(64)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        var id = Guid.NewGuid();
        subscribers[id] = channel;
        return new Subscription(channel.Reader, () => subscribers.TryRemove(id, out _));
    }

    /// <summary>Tells every subscriber.</summary>
    public void Publish(ChangeNotice notice)
    {
        foreach (var channel in subscribers.Values)
        {
            channel.Writer.TryWrite(notice);
        }
    }

    /// <summary>A live subscription.</summary>
    public sealed class Subscription(ChannelReader<ChangeNotice> reader, Action unsubscribe) : IDisposable
    {
        /// <summary>The notices, in order.</summary>
        public ChannelReader<ChangeNotice> Reader { get; } = reader;

        /// <inheritdoc />
        public void Dispose() => unsubscribe();
    }
}
