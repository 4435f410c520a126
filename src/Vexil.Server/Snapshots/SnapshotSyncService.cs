using Microsoft.Extensions.Options;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Snapshots;

/// <summary>
/// Keeps snapshots in step with writes made by other server processes sharing the database. Where the store can
/// signal changes (PostgreSQL LISTEN/NOTIFY) it catches up as soon as one is committed; it also polls every
/// environment's change feed, which covers SQLite and any signal lost while reconnecting. Local writes wait for
/// neither: they catch up synchronously in the write path.
/// </summary>
/// <remarks>
/// The signal is only a hint: every time it is (re)established, every environment is caught up by sequence number, so a
/// change committed while the connection was down is applied then, without waiting for the next poll. A dropped
/// connection is listened to again after a jittered exponential backoff (<see cref="SnapshotSyncOptions"/>).
/// </remarks>
public sealed class SnapshotSyncService(
    SnapshotCache cache,
    EnvironmentCatalog environments,
    IFlagStore store,
    SyncStatus status,
    IEnumerable<IRemoteChangeObserver> observers,
    IOptions<SnapshotSyncOptions> options,
    ILogger<SnapshotSyncService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        store is IChangeSignal signal
            ? Task.WhenAll(PollAsync(stoppingToken), ListenAsync(signal, stoppingToken))
            : PollAsync(stoppingToken);

    private async Task PollAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await CatchUpMovedAsync(stoppingToken);
        }
    }

    // The poll: one read of every environment's sequence, then a catch-up only where the store is ahead of (or apart
    // from) the snapshot. Reading each environment's changes every second instead cost eight queries a second and
    // about 40 KB of garbage a second on an idle server, which a server GC leaves uncollected for many minutes: the
    // resident memory of an idle server crept up by some 5 MB a minute (docs/benchmarks.md, idle subscribers).
    private async Task CatchUpMovedAsync(CancellationToken stoppingToken)
    {
        IReadOnlyDictionary<string, long> sequences;
        try
        {
            sequences = await store.GetSequencesAsync(stoppingToken);
            status.StoreAnswered();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            status.StoreFailed();
            logger.LogWarning(exception, "Could not read the environments' sequences from the store; will retry.");
            return;
        }

        foreach (var environment in environments.All)
        {
            // An environment never written has no row: its sequence is 0. One already in step is confirmed as such
            // (its snapshot age starts again), as a catch-up that found nothing new would have.
            if (!cache.ConfirmIfCurrent(environment.Name, sequences.GetValueOrDefault(environment.Name))
                && !await CatchUpAsync(environment.Name, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task ListenAsync(IChangeSignal signal, CancellationToken stoppingToken)
    {
        var backoff = new ReconnectBackoff(options.Value.ReconnectDelay, options.Value.MaxReconnectDelay);
        status.ListenerStarting();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var environment in signal.ListenAsync(stoppingToken))
                {
                    if (environment is null)
                    {
                        // Listening (again): whatever was committed while we were not is found by sequence number now.
                        status.ListenerConnected();
                        backoff.Reset();
                        await CatchUpAllAsync(stoppingToken);
                    }
                    else if (environments.Resolve(environment) is { } known && known.Name == environment)
                    {
                        await CatchUpAsync(environment, stoppingToken);
                        foreach (var observer in observers)
                        {
                            observer.OnSignalled(environment);
                        }
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The listening connection dropped or could not be opened; polling covers the gap until it is back.
                status.ListenerLost();
                var delay = backoff.Next();
                logger.LogWarning(exception, "Lost the change signal from the store; listening again in {Delay:0.0} s.", delay.TotalSeconds);
                await Task.Delay(delay, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CatchUpAllAsync(CancellationToken stoppingToken)
    {
        foreach (var environment in environments.All)
        {
            // While the store is away each attempt waits out its deadline: one failure ends the round rather than
            // making the next round, and the recovery it would notice, wait for every environment's deadline.
            if (!await CatchUpAsync(environment.Name, stoppingToken))
            {
                return;
            }
        }
    }

    private async Task<bool> CatchUpAsync(string environment, CancellationToken stoppingToken)
    {
        try
        {
            await cache.CatchUpAsync(environment, null, stoppingToken);
            status.StoreAnswered();
            return true;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store may be briefly unreachable; evaluation keeps serving the last snapshot meanwhile.
            status.StoreFailed();
            logger.LogWarning(exception, "Could not catch up {Environment} with the store; will retry.", environment);
            return false;
        }
    }
}
