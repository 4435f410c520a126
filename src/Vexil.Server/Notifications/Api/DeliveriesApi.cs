using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Notifications.Deliveries;
using Vexil.Server.Notifications.Dispatch;

namespace Vexil.Server.Notifications.Api;

/// <summary>
/// <c>/api/v1/notifications/deliveries</c>: what was sent to whom and how it went, for admins. Errors are
/// ProblemDetails.
/// </summary>
public static class DeliveriesApi
{
    /// <summary>Maps the endpoints.</summary>
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/notifications/deliveries").WithTags("Notifications").RequireAdminToken();
        api.MapGet("/", ListAsync).WithSummary("Notification deliveries, newest first, paged; `status` filters by pending, delivered or dead_lettered.");
        api.MapGet("/{id:long}", GetAsync).WithSummary("One delivery, with the payload it sends.");
        api.MapPost("/{id:long}/retry", RetryAsync).WithSummary("Puts a dead-lettered delivery back in the queue with a fresh count of attempts.");
        return app;
    }

    private static async Task<IResult> ListAsync(
        INotificationDeliveryStore store,
        [FromQuery] string? status,
        [FromQuery] int? page,
        [FromQuery] int? pageSize,
        CancellationToken cancellationToken)
    {
        DeliveryStatus? only = null;
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (!DeliveryStatuses.TryParse(status, out var parsed))
            {
                return Problem(StatusCodes.Status400BadRequest, "Unknown status", $"status is '{status}'; use {DeliveryStatuses.Pending}, {DeliveryStatuses.Delivered} or {DeliveryStatuses.DeadLettered}, or leave it out for all.");
            }

            only = parsed;
        }

        if (page is < 1 || pageSize is < 1 or > DeliveryQuery.MaxPageSize)
        {
            return Problem(StatusCodes.Status400BadRequest, "Invalid paging", $"page starts at 1 and pageSize is 1 to {DeliveryQuery.MaxPageSize}.");
        }

        var result = await store.ListAsync(new DeliveryQuery(only, page ?? 1, pageSize ?? 50), cancellationToken);
        return TypedResults.Ok(new DeliveryPageView(result.Page, result.PageSize, result.Total, result.Deliveries.Select(d => DeliveryView.Of(d)).ToArray()));
    }

    private static async Task<IResult> GetAsync(INotificationDeliveryStore store, long id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } delivery
            ? TypedResults.Ok(DeliveryView.Of(delivery, withPayload: true))
            : NotFound(id);

    private static async Task<IResult> RetryAsync(INotificationDeliveryStore store, NotificationSignal signal, TimeProvider time, long id, CancellationToken cancellationToken)
    {
        if (await store.RequeueAsync(id, time.GetUtcNow(), cancellationToken) is { } requeued)
        {
            signal.Ring();
            return TypedResults.Ok(DeliveryView.Of(requeued));
        }

        return await store.GetAsync(id, cancellationToken) is { } delivery
            ? Problem(StatusCodes.Status409Conflict, "Not dead-lettered", $"Delivery {id} is {DeliveryStatuses.ToText(delivery.Status)}; only dead-lettered deliveries can be retried.")
            : NotFound(id);
    }

    private static IResult NotFound(long id) =>
        Problem(StatusCodes.Status404NotFound, "No such delivery", $"There is no delivery {id}; GET /api/v1/notifications/deliveries lists them.");

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
