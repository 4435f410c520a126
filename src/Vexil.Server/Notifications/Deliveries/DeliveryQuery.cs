namespace Vexil.Server.Notifications.Deliveries;

/// <summary>A page of the delivery list, newest first, optionally only one status.</summary>
/// <param name="Status">Only deliveries in this status; null for all.</param>
/// <param name="Page">The page, from 1.</param>
/// <param name="PageSize">Deliveries per page, 1 to <see cref="MaxPageSize"/>.</param>
public sealed record DeliveryQuery(DeliveryStatus? Status = null, int Page = 1, int PageSize = 50)
{
    /// <summary>The largest page.</summary>
    public const int MaxPageSize = 200;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a page below 1 or a page size outside 1 to <see cref="MaxPageSize"/>.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Page, 1, nameof(Page));
        ArgumentOutOfRangeException.ThrowIfLessThan(PageSize, 1, nameof(PageSize));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PageSize, MaxPageSize, nameof(PageSize));
    }
}
