using Vexil.Server.Notifications.Deliveries;

namespace Vexil.Server.Notifications.Dispatch;

/// <summary>Sends deliveries of one <see cref="DeliveryKinds">kind</see>.</summary>
public interface IDeliveryChannel
{
    /// <summary>The kind this channel sends.</summary>
    string Kind { get; }

    /// <summary>Makes one attempt. Never throws for a receiver's failure: that is the outcome.</summary>
    Task<DeliveryOutcome> SendAsync(Delivery delivery, CancellationToken cancellationToken);

    /// <summary>What to queue when the delivery is given up for good, e.g. the QA channel's "Failed to trigger ..."; null for nothing.</summary>
    NewDelivery? WhenDeadLettered(Delivery delivery, string error);
}
