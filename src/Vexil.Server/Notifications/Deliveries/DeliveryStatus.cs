namespace Vexil.Server.Notifications.Deliveries;

/// <summary>Where a delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver accepted it.</summary>
    Delivered,

    /// <summary>Given up: too many failed attempts, or an answer that retrying would not change. It can be requeued.</summary>
    DeadLettered,
}
