using Microsoft.Extensions.Options;
using Vexil.Server.Leadership;
using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// The background worker that sends notifications, off every request path. One loop plans waiting changes (and now
/// and then prunes old deliveries); <c>Concurrency</c> lanes each send due deliveries one after another. All of them
/// sleep until a change on this server rings <see cref="NotificationSignal"/> or the poll interval passes, which is how
/// changes made by other replicas, and retries, are picked up. With several replicas on one PostgreSQL database only the
/// leader of <see cref="LeaderLocks.Notifications"/> runs these loops, so one process sends; when it dies or loses its
/// database session another takes over (the deliveries wait in the database meanwhile).
/// </summary>
public sealed class NotificationWorker(
    NotificationPlanner planner,
    NotificationDispatcher dispatcher,
    INotificationDeliveryStore store,
    NotificationSignal signal,
    ILeaderElection leaders,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NotificationWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PruneEvery = TimeSpan.FromHours(1);

    private readonly DeliveryOptions delivery = options.Value.Delivery;

    /// <inheritdoc />
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        leaders.RunWhileLeadingAsync(
            LeaderLocks.Notifications,
            leading => Task.WhenAll(Enumerable.Range(0, delivery.Concurrency).Select(_ => SendAsync(leading)).Prepend(PlanAsync(leading))),
            stoppingToken);

    private async Task PlanAsync(CancellationToken stoppingToken)
    {
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var waiting = signal.WaitAsync(delivery.PollIntervalValue, stoppingToken);
            await RoundAsync("Planning notifications", async () =>
            {
                if (await planner.PlanAsync(stoppingToken) > 0)
                {
                    // The lanes may have woken on the change's ring before it was planned: wake them for its deliveries.
                    signal.Ring();
                }

                if (time.GetUtcNow() - lastPrune > PruneEvery)
                {
                    lastPrune = time.GetUtcNow();
                    var pruned = await store.PruneAsync(lastPrune - delivery.RetentionValue, stoppingToken);
                    if (pruned > 0)
                    {
                        logger.LogInformation("Removed {Count} notification deliveries older than {Retention}", pruned, delivery.RetentionValue);
                    }
                }
            });

            if (!await SleepAsync(waiting))
            {
                return;
            }
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var waiting = signal.WaitAsync(delivery.PollIntervalValue, stoppingToken);
            await RoundAsync("Sending notifications", async () =>
            {
                while (await dispatcher.DeliverNextAsync(stoppingToken))
                {
                    // Keep going while deliveries are due.
                }
            });

            if (!await SleepAsync(waiting))
            {
                return;
            }
        }
    }

    private async Task RoundAsync(string what, Func<Task> round)
    {
        try
        {
            await round();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
        catch (Exception exception)
        {
            // The database may be briefly unreachable; everything waits in it, so the next round catches up.
            logger.LogWarning(exception, "{What} failed; retrying after the poll interval.", what);
        }
    }

    // The wait began before the round, so a ring during the round is not lost. False when stopping.
    private static async Task<bool> SleepAsync(Task waiting)
    {
        try
        {
            await waiting;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
