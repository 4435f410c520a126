using Vexil.Server.Storage.Outages;

namespace Vexil.Server.Deployments;

/// <summary>
/// Wraps the configured <see cref="IDeploymentStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>).
/// </summary>
internal sealed class GuardedDeploymentStore(IDeploymentStore inner, string provider) : IDeploymentStore, IAsyncDisposable, IDisposable
{
    /// <inheritdoc />
    public Task<Deployment> RecordAsync(Deployment deployment, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Write, t => inner.RecordAsync(deployment, t), cancellationToken);

    /// <inheritdoc />
    public Task<Deployment?> GetLastSuccessfulAsync(string environment, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.GetLastSuccessfulAsync(environment, t), cancellationToken);

    /// <inheritdoc />
    public Task<Deployment?> GetLastSuccessfulAtAsync(string environment, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.GetLastSuccessfulAtAsync(environment, at, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<Deployment>> ListAsync(string? environment, string? sha, long? beforeId, int limit, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(provider, StoreCallKind.Read, t => inner.ListAsync(environment, sha, beforeId, limit, t), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => (inner as IDisposable)?.Dispose();
}
