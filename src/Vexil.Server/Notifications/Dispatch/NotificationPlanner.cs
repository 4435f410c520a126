using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Routing;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Turns committed changes waiting in the outbox into deliveries (<see cref="NotificationRouter"/>). Each change is
/// queued and taken off the outbox in one transaction; if the process stops in between, the change is planned again
/// and the store keeps the deliveries it already has, so nothing is lost or doubled.
/// </summary>
public sealed class NotificationPlanner(INotificationDeliveryStore store, NotificationRouter router, TimeProvider time, ILogger<NotificationPlanner> logger)
{
    /// <summary>Changes read from the outbox at a time.</summary>
    public const int BatchSize = 100;

    /// <summary>Plans every waiting change; returns how many.</summary>
    public async Task<int> PlanAsync(CancellationToken cancellationToken)
    {
        var planned = 0;
        while (true)
        {
            var changes = await store.PendingChangesAsync(BatchSize, cancellationToken);
            foreach (var change in changes)
            {
                IReadOnlyList<NewDelivery> deliveries;
                try
                {
                    deliveries = router.Route(change);
                }
                catch (Exception exception)
                {
                    // One change that cannot be routed must not hold up every change after it.
                    logger.LogError(exception, "Could not plan the notifications of change {Id} ({Flag} on {Environment}); it gets none", change.Id, change.Flag, change.Environment);
                    deliveries = [];
                }

                await store.EnqueueAsync(change, deliveries, time.GetUtcNow(), cancellationToken);
                if (deliveries.Count > 0)
                {
                    logger.LogDebug("Queued {Count} notifications of change {Id}: {Targets}", deliveries.Count, change.Id, string.Join(", ", deliveries.Select(d => d.Target)));
                }
            }

            planned += changes.Count;
            if (changes.Count < BatchSize)
            {
                return planned;
            }
        }
    }
}
