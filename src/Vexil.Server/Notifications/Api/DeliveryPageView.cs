namespace Vexil.Server.Notifications.Api;

/// <summary>A page of the delivery list.</summary>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Deliveries per page.</param>
/// <param name="Total">Deliveries matching, on all pages.</param>
/// <param name="Deliveries">This page's deliveries, newest first.</param>
public sealed record DeliveryPageView(int Page, int PageSize, long Total, IReadOnlyList<DeliveryView> Deliveries);
