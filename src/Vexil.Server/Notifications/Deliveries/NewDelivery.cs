namespace Vexil.Server.Notifications.Deliveries;

/// <summary>A delivery to queue for a change.</summary>
/// <param name="Kind">One of <see cref="DeliveryKinds"/>.</param>
/// <param name="Target">
/// The receiver, by its name in configuration (<c>slack:production</c>, <c>slack:team:group::duo chat</c>,
/// <c>slack:qa</c>, <c>end_to_end</c>, <c>webhook:grafana</c>). URLs and secrets are looked up when sending, so the
/// database never holds them. Unique per change.
/// </param>
/// <param name="Payload">What to send (JSON), fixed when the change is planned so the message tells the change as it was.</param>
public sealed record NewDelivery(string Kind, string Target, string Payload);
