using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>How one attempt went.</summary>
/// <param name="Delivered">True when the receiver accepted it.</param>
/// <param name="StatusCode">The HTTP status, when an answer came.</param>
/// <param name="Error">Why it failed; null when delivered.</param>
/// <param name="Permanent">True when retrying cannot help (e.g. 404, 401, or a receiver no longer configured): dead-letter at once.</param>
/// <param name="FollowUp">A delivery to queue because this one succeeded (the QA channel message after the tests were triggered).</param>
public sealed record DeliveryOutcome(bool Delivered, int? StatusCode, string? Error, bool Permanent, NewDelivery? FollowUp)
{
    /// <summary>Accepted.</summary>
    public static DeliveryOutcome Success(int? statusCode, NewDelivery? followUp = null) => new(true, statusCode, null, false, followUp);

    /// <summary>Failed; worth another try.</summary>
    public static DeliveryOutcome Retry(string error, int? statusCode = null) => new(false, statusCode, error, false, null);

    /// <summary>Failed for good.</summary>
    public static DeliveryOutcome GiveUp(string error, int? statusCode = null) => new(false, statusCode, error, true, null);
}
