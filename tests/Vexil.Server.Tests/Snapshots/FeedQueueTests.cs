using Vexil.Server.Snapshots;
using Xunit;

namespace Vexil.Server.Tests.Snapshots;

public sealed class FeedQueueTests
{
    private static FeedEvent Change(long sequence) => FeedEvent.Change("dev", sequence, "flag", null);

    [Fact]
    public void Events_come_out_in_order_across_growth_and_wrap_around()
    {
        var queue = new FeedQueue(5, dropsOldest: false);
        var next = 1L;
        var expected = 1L;
        for (var round = 0; round < 20; round++)
        {
            // Write three, read two: the ring grows and its head moves round it.
            for (var i = 0; i < 3 && queue.Count < 5; i++)
            {
                Assert.True(queue.TryWrite(Change(next++)));
            }

            for (var i = 0; i < 2 && queue.TryRead(out var item); i++)
            {
                Assert.Equal(expected++, item.Sequence);
            }
        }

        while (queue.TryRead(out var item))
        {
            Assert.Equal(expected++, item.Sequence);
        }

        Assert.Equal(next, expected);
    }

    [Fact]
    public void A_full_queue_refuses_and_keeps_what_it_holds()
    {
        var queue = new FeedQueue(3, dropsOldest: false);
        Assert.True(queue.TryWrite(Change(1)));
        Assert.True(queue.TryWrite(Change(2)));
        Assert.True(queue.TryWrite(Change(3)));
        Assert.False(queue.TryWrite(Change(4)));
        Assert.Equal(3, queue.Count);
        Assert.True(queue.TryRead(out var first));
        Assert.Equal(1, first.Sequence);
    }

    [Fact]
    public void A_coalescing_queue_drops_the_oldest_and_keeps_the_newest()
    {
        var queue = new FeedQueue(2, dropsOldest: true);
        for (var sequence = 1; sequence <= 5; sequence++)
        {
            Assert.True(queue.TryWrite(Change(sequence)));
        }

        Assert.True(queue.TryRead(out var a));
        Assert.True(queue.TryRead(out var b));
        Assert.False(queue.TryRead(out _));
        Assert.Equal([4L, 5L], new[] { a.Sequence, b.Sequence });
    }

    [Fact]
    public async Task A_waiting_reader_wakes_on_a_write_and_waits_again()
    {
        var queue = new FeedQueue(4, dropsOldest: false);
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var waiting = queue.WaitToReadAsync(TestContext.Current.CancellationToken);
            Assert.False(waiting.IsCompleted);
            Assert.True(queue.TryWrite(Change(sequence)));
            Assert.True(await waiting);
            Assert.True(queue.TryRead(out var item));
            Assert.Equal(sequence, item.Sequence);
        }
    }

    [Fact]
    public async Task Completed_with_an_error_the_reader_drains_the_queue_then_gets_the_error()
    {
        var queue = new FeedQueue(4, dropsOldest: false);
        queue.TryWrite(Change(1));
        var overflow = new ChangeFeedOverflowException("dev");
        Assert.True(queue.TryComplete(overflow));
        Assert.False(queue.TryComplete());
        Assert.False(queue.TryWrite(Change(2)));

        Assert.True(await queue.WaitToReadAsync(TestContext.Current.CancellationToken));
        Assert.True(queue.TryRead(out _));
        var thrown = await Assert.ThrowsAsync<ChangeFeedOverflowException>(async () => await queue.WaitToReadAsync(TestContext.Current.CancellationToken));
        Assert.Same(overflow, thrown);
        Assert.Same(overflow, await Assert.ThrowsAsync<ChangeFeedOverflowException>(() => queue.Completion));
    }

    [Fact]
    public async Task Completing_wakes_a_waiting_reader_with_false_or_the_error()
    {
        var quiet = new FeedQueue(4, dropsOldest: false);
        var waiting = quiet.WaitToReadAsync(TestContext.Current.CancellationToken);
        quiet.TryComplete();
        Assert.False(await waiting);
        await quiet.Completion;

        var failed = new FeedQueue(4, dropsOldest: false);
        var failing = failed.WaitToReadAsync(TestContext.Current.CancellationToken);
        failed.TryComplete(new ChangeFeedOverflowException("dev"));
        await Assert.ThrowsAsync<ChangeFeedOverflowException>(async () => await failing);
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_a_later_wait_still_works()
    {
        var queue = new FeedQueue(4, dropsOldest: false);
        using var cancel = new CancellationTokenSource();
        var waiting = queue.WaitToReadAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await waiting);

        var again = queue.WaitToReadAsync(TestContext.Current.CancellationToken);
        queue.TryWrite(Change(1));
        Assert.True(await again);
    }

    [Fact]
    public async Task A_wait_woken_by_a_write_is_not_cancelled_later_by_its_old_token()
    {
        var queue = new FeedQueue(4, dropsOldest: false);
        using var first = new CancellationTokenSource();
        var waiting = queue.WaitToReadAsync(first.Token);
        queue.TryWrite(Change(1));
        Assert.True(await waiting);
        Assert.True(queue.TryRead(out _));

        var second = queue.WaitToReadAsync(TestContext.Current.CancellationToken);
        await first.CancelAsync();
        Assert.False(second.IsCompleted);
        queue.TryWrite(Change(2));
        Assert.True(await second);
    }

    [Fact]
    public async Task Read_all_streams_every_event_written_from_other_threads_then_ends_on_completion()
    {
        var queue = new FeedQueue(64, dropsOldest: false);
        var writer = Task.Run(async () =>
        {
            for (var sequence = 1; sequence <= 2_000; sequence++)
            {
                while (!queue.TryWrite(Change(sequence)))
                {
                    await Task.Yield();
                }
            }

            queue.TryComplete();
        }, TestContext.Current.CancellationToken);

        var expected = 1L;
        await foreach (var item in queue.ReadAllAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(expected++, item.Sequence);
        }

        await writer;
        Assert.Equal(2_001, expected);
    }

    [Fact]
    public void A_second_concurrent_wait_is_refused()
    {
        var queue = new FeedQueue(4, dropsOldest: false);
        _ = queue.WaitToReadAsync(TestContext.Current.CancellationToken);
        Assert.Throws<InvalidOperationException>(() => queue.WaitToReadAsync(TestContext.Current.CancellationToken));
    }
}
