using Microsoft.Extensions.Options;
using Vexil.Core.State;
using Vexil.Server.Snapshots;
using Xunit;

namespace Vexil.Server.Tests.Snapshots;

public sealed class ChangeFeedTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Subscriber_that_never_reads_is_dropped_with_its_queue_bounded_and_the_writer_never_waits()
    {
        var feed = Feed(history: 100, maxQueued: 10);
        using var slow = feed.Subscribe("dev");
        using var reader = feed.Subscribe("dev");

        for (var sequence = 1; sequence <= 10_000; sequence++)
        {
            feed.Publish(Change(sequence));
            while (reader.Reader.TryRead(out _))
            {
            }
        }

        // It holds only what fitted before it was dropped, then its queue ends with the reason.
        Assert.Equal(10, slow.Reader.Count);
        var drained = new List<long>();
        while (slow.Reader.TryRead(out var feedEvent))
        {
            drained.Add(feedEvent.Sequence);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), drained);
        Assert.True(slow.Reader.Completion.IsFaulted);
        Assert.IsType<ChangeFeedOverflowException>(slow.Reader.Completion.Exception!.InnerException);
        Assert.False(reader.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Resume_from_the_history_replays_the_later_changes_and_a_point_outside_it_gets_a_reset()
    {
        var feed = Feed(history: 5, maxQueued: 100);
        for (var sequence = 1; sequence <= 8; sequence++)
        {
            feed.Publish(Change(sequence));
        }

        using var within = feed.Subscribe("dev", after: 4);
        using var atEdge = feed.Subscribe("dev", after: 3);
        using var tooOld = feed.Subscribe("dev", after: 2);
        using var ahead = feed.Subscribe("dev", after: 9);
        using var current = feed.Subscribe("dev", after: 8);

        Assert.Equal([5L, 6, 7, 8], within.Replay.Select(e => e.Sequence));
        Assert.Equal([4L, 5, 6, 7, 8], atEdge.Replay.Select(e => e.Sequence));
        Assert.Equal(FeedEventKind.Reset, Assert.Single(tooOld.Replay).Kind);
        Assert.Equal(8, tooOld.Replay[0].Sequence);
        Assert.Equal(FeedEventKind.Reset, Assert.Single(ahead.Replay).Kind);
        Assert.Empty(current.Replay);
    }

    [Fact]
    public void A_reset_clears_the_history_and_a_change_that_skips_a_sequence_becomes_a_reset()
    {
        var feed = Feed(history: 100, maxQueued: 100);
        feed.Publish(Change(1));
        feed.Publish(Change(2));
        using var live = feed.Subscribe("dev");

        feed.Publish(FeedEvent.Reset("dev", 10, "definitions changed"));
        feed.Publish(Change(12));

        Assert.True(live.Reader.TryRead(out var reset));
        Assert.Equal(FeedEventKind.Reset, reset.Kind);
        Assert.True(live.Reader.TryRead(out var jump));
        Assert.Equal(FeedEventKind.Reset, jump.Kind);
        Assert.Equal(12, jump.Sequence);
        using var resumed = feed.Subscribe("dev", after: 1);
        Assert.Equal(FeedEventKind.Reset, Assert.Single(resumed.Replay).Kind);
    }

    [Fact]
    public async Task Subscribers_joining_while_changes_are_published_get_every_later_change_exactly_once()
    {
        const int Changes = 20_000;
        var feed = Feed(history: Changes, maxQueued: Changes);
        var writer = Task.Run(
            () =>
            {
                for (var sequence = 1; sequence <= Changes; sequence++)
                {
                    feed.Publish(Change(sequence));
                }
            },
            Cancel);

        var subscribers = new List<Task>();
        var random = new Random(13);
        for (var i = 0; i < 50; i++)
        {
            var back = random.Next(0, 50);
            subscribers.Add(Task.Run(
                async () =>
                {
                    var at = feed.CurrentSequence("dev");
                    var after = Math.Max(0, at - back);
                    using var subscription = feed.Subscribe("dev", after);
                    var expected = after + 1;
                    foreach (var feedEvent in subscription.Replay)
                    {
                        Assert.Equal(expected++, feedEvent.Sequence);
                    }

                    while (expected <= Changes)
                    {
                        var feedEvent = await subscription.Reader.ReadAsync(Cancel);
                        Assert.Equal(expected++, feedEvent.Sequence);
                    }
                },
                Cancel));
            await Task.Yield();
        }

        await writer;
        await Task.WhenAll(subscribers);
    }

    [Fact]
    public void Coalescing_subscribers_keep_the_newest_events_instead_of_being_dropped()
    {
        var feed = Feed(history: 10, maxQueued: 10);
        using var notices = feed.Subscribe("dev", coalesce: true);

        for (var sequence = 1; sequence <= 1_000; sequence++)
        {
            feed.Publish(Change(sequence));
        }

        FeedEvent? last = null;
        while (notices.Reader.TryRead(out var feedEvent))
        {
            last = feedEvent;
        }

        Assert.Equal(1_000, last!.Sequence);
        Assert.False(notices.Reader.Completion.IsCompleted);
    }

    [Fact]
    public void Disposing_a_subscription_unsubscribes_it()
    {
        var feed = Feed(history: 10, maxQueued: 10);
        var subscription = feed.Subscribe("dev");
        Assert.Equal(1, feed.SubscriberCount);

        subscription.Dispose();
        subscription.Dispose();
        feed.Publish(Change(1));

        Assert.Equal(0, feed.SubscriberCount);
    }

    private static ChangeFeed Feed(int history, int maxQueued) =>
        new(Options.Create(new StreamOptions { History = history, MaxQueuedEvents = maxQueued }));

    private static FeedEvent Change(long sequence) =>
        FeedEvent.Change("dev", sequence, "flag", FlagState.Create(true));
}
