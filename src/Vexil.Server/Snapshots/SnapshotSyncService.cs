using Microsoft.Extensions.Options;
using Vexil.Server.Environments;

namespace Vexil.Server.Snapshots;

/// <summary>
/// Keeps snapshots in step with writes made by other server processes sharing the database: polls the change feed
/// of every environment. Local writes do not wait for this; they catch up synchronously.
/// </summary>
public sealed class SnapshotSyncService(
    SnapshotCache cache,
    EnvironmentCatalog environments,
    IOptions<SnapshotSyncOptions> options,
    ILogger<SnapshotSyncService> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PollInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var environment in environments.All)
            {
                try
                {
                    await cache.CatchUpAsync(environment.Name, null, stoppingToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The store may be briefly unreachable; evaluation keeps serving the last snapshot meanwhile.
                    logger.LogWarning(exception, "Could not catch up {Environment} with the store; will retry.", environment.Name);
                }
            }
        }
    }
}
