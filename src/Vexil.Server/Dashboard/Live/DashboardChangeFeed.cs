using System.Threading.Channels;
using Vexil.Server.Environments;
using Vexil.Server.Snapshots;

namespace Vexil.Server.Dashboard.Live;

/// <summary>
/// The dashboard's only subscription to the server's <see cref="ChangeFeed"/>. A page shows every environment, and the
/// feed is per environment, so this merges one subscription per environment into one ordered-per-environment queue.
/// </summary>
/// <remarks>
/// The merged queue is bounded and its writers wait; a page that stops reading therefore fills its per-environment
/// subscriptions until the feed drops them. A dropped subscription becomes a <see cref="FeedEventKind.Reset"/> for its
/// environment (the page reloads and is right again) rather than a silently stale cell.
/// </remarks>
public sealed class DashboardChangeFeed(ChangeFeed feed, EnvironmentCatalog environments)
{
    private const int MergedCapacity = 256;

    /// <summary>Starts following every environment's changes; dispose the result to stop.</summary>
    public Subscription Follow()
    {
        var merged = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(MergedCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        var stop = new CancellationTokenSource();
        var subscriptions = environments.All.Select(environment => feed.Subscribe(environment.Name)).ToArray();
        var pumps = subscriptions.Select(subscription => PumpAsync(subscription, merged.Writer, stop.Token)).ToArray();
        return new Subscription(merged.Reader, stop, subscriptions, pumps);
    }

    private static async Task PumpAsync(ChangeFeedSubscription subscription, ChannelWriter<FeedEvent> merged, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var feedEvent in subscription.Reader.ReadAllAsync(cancellationToken))
            {
                if (feedEvent.Kind != FeedEventKind.Heartbeat)
                {
                    await merged.WriteAsync(feedEvent, cancellationToken);
                }
            }
        }
        catch (ChangeFeedOverflowException)
        {
            // Fell too far behind: the page reloads this environment's picture instead of missing changes.
            merged.TryWrite(FeedEvent.Reset(subscription.Environment, subscription.Sequence, "the page fell behind"));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    /// <summary>A live subscription: every environment's events from the moment it was made.</summary>
    public sealed class Subscription : IDisposable
    {
        private readonly CancellationTokenSource stop;
        private readonly ChangeFeedSubscription[] subscriptions;
        private readonly Task[] pumps;

        internal Subscription(ChannelReader<FeedEvent> events, CancellationTokenSource stop, ChangeFeedSubscription[] subscriptions, Task[] pumps)
        {
            Events = events;
            this.stop = stop;
            this.subscriptions = subscriptions;
            this.pumps = pumps;
        }

        /// <summary>The events: changes and resets, in order per environment.</summary>
        public ChannelReader<FeedEvent> Events { get; }

        /// <inheritdoc />
        public void Dispose()
        {
            stop.Cancel();
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }

            Task.WaitAll(pumps, TimeSpan.FromSeconds(1));
            stop.Dispose();
        }
    }
}
