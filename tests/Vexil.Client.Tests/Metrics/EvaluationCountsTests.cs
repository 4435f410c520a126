using Vexil.Client.Metrics;

namespace Vexil.Client.Tests.Metrics;

/// <summary>
/// The evaluation counters: plain striped increments (no interlocked add on the evaluation path) that only grow, with
/// flushes taking the difference from what they took last.
/// </summary>
public sealed class EvaluationCountsTests
{
    [Fact]
    public void A_take_reports_what_was_counted_since_the_last_take_and_a_restore_puts_it_back()
    {
        var counts = new EvaluationCounts();
        for (var i = 0; i < 5; i++)
        {
            counts.Record(true);
        }

        counts.Record(false);
        Assert.Equal((5L, 1L), counts.Take());
        Assert.Equal((0L, 0L), counts.Take());

        counts.Record(false);
        var failed = counts.Take();
        Assert.Equal((0L, 1L), failed);
        counts.Restore(failed.True, failed.False); // the flush did not reach the server
        counts.Record(true);
        Assert.Equal((1L, 1L), counts.Take());
        Assert.Equal((6L, 2L), counts.Total());
    }

    [Fact]
    public async Task Flushes_running_beside_counting_never_report_an_answer_twice()
    {
        // A take that zeroes counters with an exchange, beside a plain increment, can report a count and then see the
        // increment write the old value back plus one: counted twice. Counters that only grow cannot.
        var counts = new EvaluationCounts();
        const int PerThread = 200_000;
        using var done = new CancellationTokenSource();
        long reported = 0;
        var flusher = Task.Run(() =>
        {
            while (!done.IsCancellationRequested)
            {
                var (trueCount, falseCount) = counts.Take();
                Interlocked.Add(ref reported, trueCount + falseCount);
            }
        }, TestContext.Current.CancellationToken);

        var threads = Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (var i = 0; i < PerThread; i++)
            {
                counts.Record((i & 1) == 0);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        await done.CancelAsync();
        await flusher;

        var (lastTrue, lastFalse) = counts.Take();
        var total = reported + lastTrue + lastFalse;
        var (allTrue, allFalse) = counts.Total();

        // Threads sharing a stripe may lose an increment to each other (by design); nothing is ever reported twice,
        // and everything counted is reported exactly once.
        Assert.Equal(allTrue + allFalse, total);
        Assert.True(total <= 4L * PerThread, $"reported {total:N0} answers for {4 * PerThread:N0} evaluations");
        Assert.True(total > 0);
    }
}
