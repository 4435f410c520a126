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
public sealed class SnapshotSyncService(
    SnapshotCache cache,
    EnvironmentCatalog environments,
    IFlagStore store,
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
            foreach (var environment in environments.All)
            {
                await CatchUpAsync(environment.Name, stoppingToken);
            }
        }
    }

    private async Task ListenAsync(IChangeSignal signal, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var environment in signal.ListenAsync(stoppingToken))
                {
                    if (environments.Resolve(environment) is { } known && known.Name == environment)
                    {
                        await CatchUpAsync(environment, stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The listening connection dropped; polling covers the gap until it is back.
                logger.LogWarning(exception, "Lost the change signal from the store; reconnecting in 1 s.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task CatchUpAsync(string environment, CancellationToken stoppingToken)
    {
        try
        {
            await cache.CatchUpAsync(environment, null, stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The store may be briefly unreachable; evaluation keeps serving the last snapshot meanwhile.
            logger.LogWarning(exception, "Could not catch up {Environment} with the store; will retry.", environment);
        }
    }
}
