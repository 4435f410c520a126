namespace Vexil.Server.Notifications.Deliveries;

/// <summary>A queued, sent or dead-lettered notification of one change to one receiver.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="EventId">The audit event of the change it tells about.</param>
/// <param name="Environment">The change's environment.</param>
/// <param name="Flag">The changed flag.</param>
/// <param name="Kind">One of <see cref="DeliveryKinds"/>.</param>
/// <param name="Target">The receiver's name in configuration.</param>
/// <param name="Payload">What is sent (JSON).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="NextAttemptAt">When it is tried next; null unless pending.</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt, if one came back.</param>
/// <param name="LastError">Why the last attempt failed, if it did.</param>
/// <param name="DeliveredAt">When the receiver accepted it.</param>
public sealed record Delivery(
    long Id,
    long EventId,
    string Environment,
    string Flag,
    string Kind,
    string Target,
    string Payload,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt);
