namespace Vexil.Server.Storage.Outages;

/// <summary>
/// Wraps the configured <see cref="ITokenStore"/> so every call has a deadline and reports outages as
/// <see cref="StoreUnavailableException"/> (see <see cref="StoreCall"/>); keeps the revocation signal when the store has one.
/// </summary>
internal class GuardedTokenStore(ITokenStore inner) : ITokenStore, IAsyncDisposable, IDisposable
{
    /// <summary>The wrapped store.</summary>
    public ITokenStore Inner => inner;

    /// <inheritdoc />
    public string Provider => inner.Provider;

    /// <summary>Wraps <paramref name="store"/>, keeping its revocation signal when it has one.</summary>
    public static ITokenStore Wrap(ITokenStore store) => store is ITokenRevocationSignal ? new Signalling(store) : new GuardedTokenStore(store);

    /// <inheritdoc />
    public Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Write, t => inner.CreateAsync(token, t), cancellationToken);

    /// <inheritdoc />
    public Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Write, t => inner.CreateIfNoneAsync(token, t), cancellationToken);

    /// <inheritdoc />
    public Task<StoredToken?> GetAsync(long id, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, t => inner.GetAsync(id, t), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, inner.ListAsync, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Read, inner.ListActiveAsync, cancellationToken);

    /// <inheritdoc />
    public Task<StoredToken?> RevokeAsync(long id, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Write, t => inner.RevokeAsync(id, t), cancellationToken);

    /// <inheritdoc />
    public Task RecordUseAsync(IReadOnlyCollection<TokenUse> uses, CancellationToken cancellationToken = default) =>
        StoreCall.RunAsync(Provider, StoreCallKind.Write, t => inner.RecordUseAsync(uses, t), cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => inner is IAsyncDisposable disposable ? disposable.DisposeAsync() : ValueTask.CompletedTask;

    /// <inheritdoc />
    public void Dispose() => (inner as IDisposable)?.Dispose();

    // Listening is a long-lived connection, not a call: no deadline; its loop reconnects when it drops.
    private sealed class Signalling(ITokenStore inner) : GuardedTokenStore(inner), ITokenRevocationSignal
    {
        public IAsyncEnumerable<long> ListenForRevocationsAsync(CancellationToken cancellationToken = default) =>
            ((ITokenRevocationSignal)Inner).ListenForRevocationsAsync(cancellationToken);
    }
}
