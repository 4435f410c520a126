using System.Diagnostics;

namespace Vexil.Server.Storage.Outages;

/// <summary>
/// Runs one store call with a deadline and turns outages into <see cref="StoreUnavailableException"/>. The deadline is
/// enforced twice: a cancellation token the provider honours (Npgsql cancels the statement, SQLite stops between
/// retries), and, because a hung server may not honour even that (a stopped PostgreSQL accepts the TCP connection and
/// then never answers, and SQLite's busy wait blocks a thread), the caller stops waiting <see cref="Grace"/> later
/// whatever the provider does. The call runs on the thread pool so that a provider blocking synchronously cannot hold
/// the caller past either bound.
/// </summary>
public static class StoreCall
{
    /// <summary>
    /// How long one store call may wait for the database: 3 s, so that with <see cref="Grace"/> a write that meets a
    /// hung database answers 503 within 4 s, a second inside the 5 s the API promises, left for a busy machine; and a
    /// second above SQLite's own 2 s lock wait, so a locked file is reported as locked rather than as a deadline. Store
    /// calls are small (one change, one page), so a healthy database answers them in milliseconds.
    /// </summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(3);

    /// <summary>
    /// The deadline of reads that scan: an audit page (a count over the filtered log) and a list of deliveries. Not
    /// part of the 5 s promise, which is about writes; generous so a big log on a busy database is not called an outage.
    /// </summary>
    public static readonly TimeSpan ScanDeadline = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The deadline of loading a whole environment into a snapshot: at start-up and when a snapshot is rebuilt, never
    /// on a request; 10,000 flags load in about 0.15 s, so this only stops a database that does not answer at all.
    /// </summary>
    public static readonly TimeSpan LoadDeadline = TimeSpan.FromSeconds(30);

    /// <summary>How long after <see cref="Deadline"/> the caller stops waiting for a provider that ignored the cancellation.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs <paramref name="call"/> within <paramref name="deadline"/> (default <see cref="Deadline"/>), and stops waiting
    /// for it <paramref name="grace"/> (default <see cref="Grace"/>) after that.
    /// </summary>
    /// <exception cref="StoreUnavailableException">The database is away, refusing, or did not answer in time.</exception>
    public static async Task<T> RunAsync<T>(
        string provider,
        StoreCallKind kind,
        Func<CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        TimeSpan? deadline = null,
        TimeSpan? grace = null)
    {
        // Timed here because every store call of every provider passes here (StoreCallMetrics).
        var started = Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var result = await RunGuardedAsync(provider, kind, call, cancellationToken, deadline, grace);
            outcome = "ok";
            return result;
        }
        catch (StoreUnavailableException)
        {
            outcome = "unavailable";
            throw;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = "cancelled";
            throw;
        }
        finally
        {
            StoreCallMetrics.Record(provider, kind, outcome, Stopwatch.GetElapsedTime(started));
        }
    }

    private static async Task<T> RunGuardedAsync<T>(
        string provider,
        StoreCallKind kind,
        Func<CancellationToken, Task<T>> call,
        CancellationToken cancellationToken,
        TimeSpan? deadline,
        TimeSpan? grace)
    {
        ArgumentNullException.ThrowIfNull(call);
        var limit = deadline ?? Deadline;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        var progress = new StoreWriteProgress();
        var work = Task.Run(
            () =>
            {
                // Set inside the task, so it flows to the store and never back to the caller.
                StoreWriteProgress.Enter(progress);
                return call(timeout.Token);
            },
            CancellationToken.None);
        try
        {
            return await work.WaitAsync(limit + (grace ?? Grace), cancellationToken);
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            // The provider ignored the cancellation. Its task is abandoned; observe its end so it is not reported as
            // unobserved. It cannot commit later: every statement after this point sees the cancelled token, so only a
            // statement already on the wire can still land: any write of a store that does not say how far it got, or
            // a tracked write whose store said its commit was sent.
            _ = work.ContinueWith(static task => _ = task.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            var mayHaveApplied = kind == StoreCallKind.Write || (kind == StoreCallKind.TrackedWrite && progress.CommitSent);
            throw new StoreUnavailableException(
                StoreFailures.Message(StoreFailures.DeadlineReason(provider, limit), kind, mayHaveApplied),
                mayHaveApplied);
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // Our deadline, not the caller's: the provider stopped in time.
            var mayHaveApplied = kind == StoreCallKind.Write;
            throw new StoreUnavailableException(
                StoreFailures.Message(StoreFailures.DeadlineReason(provider, limit), kind, mayHaveApplied),
                mayHaveApplied,
                exception);
        }
        catch (Exception exception) when (exception is not StoreUnavailableException && StoreFailures.Classify(exception) is { } outage)
        {
            var mayHaveApplied = kind == StoreCallKind.Write && !outage.NothingSent;
            throw new StoreUnavailableException(StoreFailures.Message(outage.Reason, kind, mayHaveApplied), mayHaveApplied, exception);
        }
    }

    /// <summary>Runs a call that returns nothing; see <see cref="RunAsync{T}"/>.</summary>
    public static Task RunAsync(string provider, StoreCallKind kind, Func<CancellationToken, Task> call, CancellationToken cancellationToken, TimeSpan? deadline = null)
    {
        ArgumentNullException.ThrowIfNull(call);
        return RunAsync(
            provider,
            kind,
            async token =>
            {
                await call(token);
                return true;
            },
            cancellationToken,
            deadline);
    }
}
