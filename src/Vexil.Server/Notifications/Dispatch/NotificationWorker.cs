using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// The background loop that sends notifications, off every request path: plan waiting changes, send due deliveries,
/// now and then prune old ones, then sleep until a change on this server rings <see cref="NotificationSignal"/> or the
/// poll interval passes (which is how changes made by other replicas, and retries, are picked up).
/// </summary>
public sealed class NotificationWorker(
    NotificationPlanner planner,
    NotificationDispatcher dispatcher,
    INotificationDeliveryStore store,
    NotificationSignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var delivery = options.Value.Delivery;
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var busy = false;
            try
            {
                await planner.PlanAsync(stoppingToken);
                busy = await dispatcher.DeliverDueAsync(stoppingToken) == NotificationDispatcher.BatchSize;
                if (time.GetUtcNow() - lastPrune > PruneEvery)
                {
                    lastPrune = time.GetUtcNow();
                    var pruned = await store.PruneAsync(lastPrune - delivery.RetentionValue, stoppingToken);
                    if (pruned > 0)
                    {
                        logger.LogInformation("Removed {Count} notification deliveries older than {Retention}", pruned, delivery.RetentionValue);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The database may be briefly unreachable; everything waits in it, so the next round catches up.
                logger.LogWarning(exception, "Sending notifications failed; retrying after the poll interval.");
            }

            if (!busy)
            {
                try
                {
                    await signal.WaitAsync(delivery.PollIntervalValue, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
