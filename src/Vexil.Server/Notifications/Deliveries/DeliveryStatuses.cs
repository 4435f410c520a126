namespace Vexil.Server.Notifications.Deliveries;

/// <summary>The stored and shown names of <see cref="DeliveryStatus"/>: <c>pending</c>, <c>delivered</c>, <c>dead_lettered</c>.</summary>
public static class DeliveryStatuses
{
    /// <summary><see cref="DeliveryStatus.Pending"/>.</summary>
    public const string Pending = "pending";

    /// <summary><see cref="DeliveryStatus.Delivered"/>.</summary>
    public const string Delivered = "delivered";

    /// <summary><see cref="DeliveryStatus.DeadLettered"/>.</summary>
    public const string DeadLettered = "dead_lettered";

    /// <summary>The name of a status.</summary>
    public static string ToText(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Pending => Pending,
        DeliveryStatus.Delivered => Delivered,
        DeliveryStatus.DeadLettered => DeadLettered,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a delivery status."),
    };

    /// <summary>Reads a name (case-insensitive); false for anything else.</summary>
    public static bool TryParse(string? text, out DeliveryStatus status)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case Pending:
                status = DeliveryStatus.Pending;
                return true;
            case Delivered:
                status = DeliveryStatus.Delivered;
                return true;
            case DeadLettered:
                status = DeliveryStatus.DeadLettered;
                return true;
            default:
                status = default;
                return false;
        }
    }
}
