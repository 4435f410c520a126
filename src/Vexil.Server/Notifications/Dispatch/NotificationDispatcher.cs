using Microsoft.Extensions.Options;
using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>
/// Sends one due delivery at a time and records its outcome: delivered; failed and retried later
/// (<see cref="DeliveryBackoff"/>); or dead-lettered after <c>MaxAttempts</c>, or at once when retrying cannot help.
/// The worker runs several of these sends side by side (<c>Concurrency</c>), never on a request, and each request has
/// its own timeout; since a receiver is never sent two deliveries at once, a slow or failing receiver delays only its
/// own deliveries.
/// </summary>
public sealed class NotificationDispatcher
{
    private readonly INotificationDeliveryStore store;
    private readonly Dictionary<string, IDeliveryChannel> channels;
    private readonly DeliveryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<NotificationDispatcher> logger;
    private readonly DeliveryMetrics metrics;

    /// <summary>Creates a dispatcher.</summary>
    public NotificationDispatcher(
        INotificationDeliveryStore store,
        IEnumerable<IDeliveryChannel> channels,
        IOptions<NotificationOptions> options,
        TimeProvider time,
        ILogger<NotificationDispatcher> logger,
        DeliveryMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(channels);
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.channels = channels.ToDictionary(channel => channel.Kind, StringComparer.Ordinal);
        this.options = options.Value.Delivery;
        this.time = time;
        this.logger = logger;
        this.metrics = metrics;
    }

    /// <summary>Claims the delivery due longest and sends it; false when nothing is due.</summary>
    public async Task<bool> DeliverNextAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();

        // The lease outlasts an attempt, so a delivery is only claimed again if this process died while sending it.
        var delivery = await store.ClaimNextAsync(now, now + options.TimeoutValue + TimeSpan.FromMinutes(1), cancellationToken);
        if (delivery is null)
        {
            return false;
        }

        await DeliverAsync(delivery, cancellationToken);
        return true;
    }

    private async Task DeliverAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        channels.TryGetValue(delivery.Kind, out var channel);
        DeliveryOutcome outcome;
        try
        {
            outcome = channel is null
                ? DeliveryOutcome.GiveUp($"This server cannot send deliveries of kind '{delivery.Kind}'.")
                : await channel.SendAsync(delivery, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogError(exception, "Delivery {Id} to {Target} failed unexpectedly", delivery.Id, delivery.Target);
            outcome = DeliveryOutcome.Retry($"{exception.GetType().Name}: {exception.Message}");
        }

        // The outcome is recorded even while shutting down: the attempt happened.
        var at = time.GetUtcNow();
        if (outcome.Delivered)
        {
            await store.MarkDeliveredAsync(delivery.Id, at, outcome.StatusCode, outcome.FollowUp, CancellationToken.None);
            logger.LogDebug("Delivered {Id} to {Target}", delivery.Id, delivery.Target);
            return;
        }

        var error = outcome.Error ?? "The attempt failed without a reason.";
        var attempts = delivery.Attempts + 1;
        var wait = outcome.Permanent ? null : DeliveryBackoff.After(attempts, options);
        if (wait is { } retryIn)
        {
            logger.LogWarning("Delivery {Id} to {Target} failed (attempt {Attempt} of {Max}), retrying in {Wait}: {Error}", delivery.Id, delivery.Target, attempts, options.MaxAttempts, retryIn, error);
            metrics.Retrying();
            await store.MarkFailedAsync(delivery.Id, at, outcome.StatusCode, error, at + retryIn, null, CancellationToken.None);
            return;
        }

        logger.LogError("Delivery {Id} to {Target} is dead-lettered after {Attempts} attempt(s): {Error}", delivery.Id, delivery.Target, attempts, error);
        metrics.DeadLettered();
        await store.MarkFailedAsync(delivery.Id, at, outcome.StatusCode, error, null, channel?.WhenDeadLettered(delivery, error), CancellationToken.None);
    }
}
