using Vexil.Server.Storage;
using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Notifications.Deliveries;

/// <summary>
/// Wraps the configured <see cref="INotificationDeliveryStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>): the retry endpoint answers 503 and the
/// dispatcher's loop, which already survives failures, does not hang on a stopped database.
/// </summary>
internal sealed class GuardedDeliveryStore(INotificationDeliveryStore inner, string provider) : INotificationDeliveryStore, IAsyncDisposable, IDisposable
{
    /// <inheritdoc />
    public Task<IReadOnlyList<AuditEvent>> PendingChangesAsync(int limit, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.PendingChangesAsync(limit, t), cancellationToken);

    /// <inheritdoc />
    public Task EnqueueAsync(AuditEvent change, IReadOnlyList<NewDelivery> deliveries, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.EnqueueAsync(change, deliveries, now, t), cancellationToken);

    /// <inheritdoc />
    public Task<Delivery?> ClaimNextAsync(DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.ClaimNextAsync(now, leaseUntil, t), cancellationToken);

    /// <inheritdoc />
    public Task MarkDeliveredAsync(long id, DateTimeOffset at, int? statusCode, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.MarkDeliveredAsync(id, at, statusCode, followUp, t), cancellationToken);

    /// <inheritdoc />
    public Task MarkFailedAsync(long id, DateTimeOffset at, int? statusCode, string error, DateTimeOffset? retryAt, NewDelivery? followUp, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.MarkFailedAsync(id, at, statusCode, error, retryAt, followUp, t), cancellationToken);

    /// <inheritdoc />
    public Task<Delivery?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.GetAsync(id, t), cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryPage> ListAsync(DeliveryQuery query, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.ListAsync(query, t), cancellationToken, StoreCall.ScanDeadline);

    /// <inheritdoc />
    public Task<Delivery?> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.RequeueAsync(id, now, t), cancellationToken);

    /// <inheritdoc />
    public Task<int> PruneAsync(DateTimeOffset createdBefore, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.PruneAsync(createdBefore, t), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
