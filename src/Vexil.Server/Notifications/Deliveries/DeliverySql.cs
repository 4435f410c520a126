namespace Vexil.Server.Notifications.Deliveries;

/// <summary>
/// The statements of the delivery queue. They are the same on SQLite and PostgreSQL (both speak
/// <c>ON CONFLICT</c> and <c>RETURNING</c>), so both stores use these and differ only in connections and parameters.
/// </summary>
internal static class DeliverySql
{
    /// <summary>Queues one delivery; a second plan of the same change and receiver adds nothing.</summary>
    public static readonly string Enqueue = """
        INSERT INTO notification_deliveries (event_id, environment, flag, kind, target, payload, status, attempts, created_at, next_attempt_at)
        VALUES (@event, @environment, @flag, @kind, @target, @payload, 'pending', 0, @now, @now)
        ON CONFLICT (event_id, target) DO NOTHING;
        """;

    /// <summary>Records a delivery the receiver accepted.</summary>
    public static readonly string MarkDelivered = """
        UPDATE notification_deliveries
        SET status = 'delivered', attempts = attempts + 1, last_attempt_at = @at, last_status_code = @code, last_error = NULL,
        delivered_at = @at, next_attempt_at = NULL, leased_until = NULL
        WHERE id = @id AND status = 'pending';
        """;

    /// <summary>Records the last failed attempt: no more retries.</summary>
    public static readonly string MarkDeadLettered = """
        UPDATE notification_deliveries
        SET status = 'dead_lettered', attempts = attempts + 1, last_attempt_at = @at, last_status_code = @code, last_error = @error,
        next_attempt_at = NULL, leased_until = NULL
        WHERE id = @id AND status = 'pending';
        """;

    /// <summary>Records a failed attempt and when to try again.</summary>
    public static readonly string ScheduleRetry = """
        UPDATE notification_deliveries
        SET attempts = attempts + 1, last_attempt_at = @at, last_status_code = @code, last_error = @error,
        next_attempt_at = @retry, leased_until = NULL
        WHERE id = @id AND status = 'pending';
        """;

    /// <summary>Puts a dead-lettered delivery back in the queue with a fresh count; returns it.</summary>
    public static readonly string Requeue = $"""
        UPDATE notification_deliveries SET status = 'pending', attempts = 0, next_attempt_at = @now, leased_until = NULL
        WHERE id = @id AND status = 'dead_lettered'
        RETURNING {DeliveryRows.Columns};
        """;

    /// <summary>Queues a follow-up of a delivery (e.g. the QA-channel message after an e2e trigger) for the same change.</summary>
    public static readonly string EnqueueFollowUp = """
        INSERT INTO notification_deliveries (event_id, environment, flag, kind, target, payload, status, attempts, created_at, next_attempt_at)
        SELECT event_id, environment, flag, @kind, @target, @payload, 'pending', 0, @at, @at FROM notification_deliveries WHERE id = @id
        ON CONFLICT (event_id, target) DO NOTHING;
        """;
}
