using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Api;

/// <summary>One delivery in the API. URLs and secrets are not part of it: they live in configuration only.</summary>
/// <param name="Id">The delivery's id.</param>
/// <param name="EventId">The audit event of the change.</param>
/// <param name="Environment">The change's environment.</param>
/// <param name="Flag">The changed flag.</param>
/// <param name="Kind"><c>slack</c>, <c>end_to_end</c> or <c>webhook</c>.</param>
/// <param name="Target">The receiver's name, e.g. <c>slack:production</c> or <c>webhook:grafana</c>.</param>
/// <param name="Status"><c>pending</c>, <c>delivered</c> or <c>dead_lettered</c>.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="CreatedAt">When it was queued.</param>
/// <param name="NextAttemptAt">When it is tried next (pending only).</param>
/// <param name="LastAttemptAt">When it was last tried.</param>
/// <param name="LastStatusCode">The HTTP status of the last attempt.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="DeliveredAt">When it was accepted.</param>
/// <param name="Payload">What is sent (only when one delivery is asked for).</param>
public sealed record DeliveryView(
    long Id,
    long EventId,
    string Environment,
    string Flag,
    string Kind,
    string Target,
    string Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? DeliveredAt,
    string? Payload)
{
    /// <summary>The view of a delivery, with or without its payload.</summary>
    public static DeliveryView Of(Delivery delivery, bool withPayload = false)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new DeliveryView(
            delivery.Id,
            delivery.EventId,
            delivery.Environment,
            delivery.Flag,
            delivery.Kind,
            delivery.Target,
            DeliveryStatuses.ToText(delivery.Status),
            delivery.Attempts,
            delivery.CreatedAt,
            delivery.NextAttemptAt,
            delivery.LastAttemptAt,
            delivery.LastStatusCode,
            delivery.LastError,
            delivery.DeliveredAt,
            withPayload ? delivery.Payload : null);
    }
}
