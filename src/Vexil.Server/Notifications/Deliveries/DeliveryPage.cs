namespace Vexil.Server.Notifications.Deliveries;

/// <summary>One page of deliveries.</summary>
/// <param name="Deliveries">The deliveries, newest first.</param>
/// <param name="Page">The page.</param>
/// <param name="PageSize">The page size.</param>
/// <param name="Total">How many deliveries match, on all pages.</param>
public sealed record DeliveryPage(IReadOnlyList<Delivery> Deliveries, int Page, int PageSize, long Total);
