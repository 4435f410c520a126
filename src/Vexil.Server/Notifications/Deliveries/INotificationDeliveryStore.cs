using Vexil.Server.Storage;

namespace Vexil.Server.Notifications.Deliveries;

/// <summary>
/// The durable notification queue, in the database that holds the flags (schema migration 4). Its outbox is filled by
/// the database itself: a trigger queues every audit event in the transaction that writes it, so a committed change
/// cannot lose its notifications. The planner turns outbox entries into deliveries; the dispatcher claims due
/// deliveries, sends them and records the outcome. One contract test suite runs against every implementation.
/// Times are passed in by the caller (the dispatcher owns the clock) and kept to whole microseconds.
/// </summary>
public interface INotificationDeliveryStore
{
    /// <summary>Committed changes not yet planned, oldest first.</summary>
    Task<IReadOnlyList<AuditEvent>> PendingChangesAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Queues the deliveries of a change and takes it off the outbox, in one transaction. Planning a change again
    /// is harmless: a delivery to a target the change already has is left as it is.
    /// </summary>
    Task EnqueueAsync(AuditEvent change, IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims the pending delivery that has been due longest at <paramref name="now"/>, skipping any whose receiver
    /// already has a delivery under lease (so one receiver gets one request at a time, in order, and a slow one holds up
    /// only its own messages), and holds it until <paramref name="leaseUntil"/>: other dispatchers (other replicas)
    /// skip it meanwhile, and if this one dies, it is tried again once the lease ends. Null when nothing is due.
    /// </summary>
    Task<Delivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>Records a successful attempt, and queues <paramref name="followUp"/> for the same change in the same transaction.</summary>
    Task MarkDeliveredAsync(long id, DateTimeOffset at, int? statusCode, NewDelivery? followUp, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a failed attempt: the delivery is tried again at <paramref name="retryAt"/>, or dead-lettered when it is
    /// null; <paramref name="followUp"/> is queued for the same change in the same transaction.
    /// </summary>
    Task MarkFailedAsync(long id, DateTimeOffset at, int? statusCode, string error, DateTimeOffset? retryAt, NewDelivery? followUp, CancellationToken cancellationToken = default);

    /// <summary>One delivery, or null.</summary>
    Task<Delivery?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Deliveries, newest first, one page at a time.</summary>
    Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default);

    /// <summary>Puts a dead-lettered delivery back in the queue, due at <paramref name="now"/> with a fresh count of attempts; null when there is no dead-lettered delivery with that id.</summary>
    Task<Delivery?> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>Removes delivered and dead-lettered deliveries queued before <paramref name="createdBefore"/>; returns how many.</summary>
    Task<int> PruneAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default);
}
