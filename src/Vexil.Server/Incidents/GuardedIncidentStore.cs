using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Incidents;

/// <summary>
/// Wraps the configured <see cref="IIncidentStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>).
/// </summary>
internal sealed class GuardedIncidentStore(IIncidentStore inner, string provider) : IIncidentStore, IAsyncDisposable, IDisposable
{
    /// <inheritdoc />
    public Task<Incident> OpenIncidentAsync(string title, int severity, string openedBy, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.OpenIncidentAsync(title, severity, openedBy, t), cancellationToken);

    /// <inheritdoc />
    public Task<Incident?> CloseIncidentAsync(long id, string closedBy, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.CloseIncidentAsync(id, closedBy, t), cancellationToken);

    /// <inheritdoc />
    public Task<Incident?> GetIncidentAsync(long id, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.GetIncidentAsync(id, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Incident>> ListIncidentsAsync(bool includeClosed, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.ListIncidentsAsync(includeClosed, t), cancellationToken);

    /// <inheritdoc />
    public Task<ChangeLock> AddChangeLockAsync(NewChangeLock changeLock, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.AddChangeLockAsync(changeLock, t), cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveChangeLockAsync(long id, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.RemoveChangeLockAsync(id, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<ChangeLock>> ListChangeLocksAsync(DateTimeOffset? endingAfter = null, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.ListChangeLocksAsync(endingAfter, t), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
