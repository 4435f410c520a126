using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Vexil.Server.Storage.Outages;
using Xunit;

namespace Vexil.Server.Tests.Storage.Outages;

public sealed class StoreCallTests
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan ShortGrace = TimeSpan.FromMilliseconds(200);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreCallKind.Read, false)]
    [InlineData(StoreCallKind.Write, true)]
    [InlineData(StoreCallKind.TrackedWrite, false)]
    public async Task A_provider_that_ignores_the_deadline_is_abandoned_and_the_outcome_said_honestly(StoreCallKind kind, bool mayHaveApplied)
    {
        using var never = new ManualResetEventSlim();
        var watch = Stopwatch.StartNew();

        // Blocks its thread and ignores the token, as SQLite's native busy wait or a hung socket read can.
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreCall.RunAsync("postgres", kind, _ => Task.FromResult(never.Wait(TimeSpan.FromSeconds(30))), Cancel, Short, ShortGrace));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"Took {watch.Elapsed}");
        Assert.Equal(mayHaveApplied, failure.MayHaveApplied);
        Assert.Contains("PostgreSQL did not answer within 0.2 s", failure.Message, StringComparison.Ordinal);
        never.Set();
    }

    [Fact]
    public async Task A_tracked_write_that_hangs_after_sending_its_commit_may_have_been_applied()
    {
        using var never = new ManualResetEventSlim();

        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreCall.RunAsync("postgres", StoreCallKind.TrackedWrite, _ =>
            {
                StoreWriteProgress.Current!.MarkCommitSent();
                return Task.FromResult(never.Wait(TimeSpan.FromSeconds(30)));
            }, Cancel, Short, ShortGrace));

        Assert.True(failure.MayHaveApplied);
        Assert.Contains("may or may not have been applied; check the current state (for flag changes, the audit log) before retrying", failure.Message, StringComparison.Ordinal);
        Assert.Null(StoreWriteProgress.Current);
        never.Set();
    }

    [Theory]
    [InlineData(StoreCallKind.Read, false, "retry in a few seconds")]
    [InlineData(StoreCallKind.TrackedWrite, false, "so the change was not made; retry in a few seconds")]
    [InlineData(StoreCallKind.Write, true, "may or may not have been applied")]
    public async Task A_provider_that_honours_the_deadline_reports_a_timeout(StoreCallKind kind, bool mayHaveApplied, string says)
    {
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreCall.RunAsync("sqlite", kind, async token =>
            {
                await Task.Delay(Timeout.Infinite, token);
                return 1;
            }, Cancel, Short, ShortGrace));

        Assert.Equal(mayHaveApplied, failure.MayHaveApplied);
        Assert.Contains("SQLite did not answer within 0.2 s", failure.Message, StringComparison.Ordinal);
        Assert.Contains(says, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_locked_sqlite_file_is_an_outage_that_wrote_nothing()
    {
        var failure = await Assert.ThrowsAsync<StoreUnavailableException>(() =>
            StoreCall.RunAsync<int>("sqlite", StoreCallKind.Write, _ => throw new SqliteException("database is locked", 5), Cancel));

        Assert.False(failure.MayHaveApplied);
        Assert.Equal(
            "The database is unavailable (the SQLite file is locked by another connection or process), so the change was not made; retry in a few seconds.",
            failure.Message);
        Assert.IsType<SqliteException>(failure.InnerException);
    }

    [Fact]
    public async Task Failures_that_are_not_outages_keep_their_type()
    {
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StoreCall.RunAsync<int>("sqlite", StoreCallKind.Write, _ => throw new InvalidOperationException("a bug"), Cancel));
        await Assert.ThrowsAsync<SqliteException>(() =>
            StoreCall.RunAsync<int>("sqlite", StoreCallKind.Write, _ => throw new SqliteException("constraint failed", 19), Cancel));
    }

    [Fact]
    public async Task A_caller_who_leaves_gets_a_cancellation_not_an_outage()
    {
        using var leaving = new CancellationTokenSource();
        var call = StoreCall.RunAsync("sqlite", StoreCallKind.Read, async token =>
        {
            await Task.Delay(Timeout.Infinite, token);
            return 1;
        }, leaving.Token, TimeSpan.FromSeconds(30));

        await leaving.CancelAsync();

        var failure = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.IsNotType<StoreUnavailableException>(failure);
    }
}
