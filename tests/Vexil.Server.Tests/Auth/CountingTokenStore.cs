using Vexil.Server.Storage;

namespace Vexil.Server.Tests.Auth;

/// <summary>A token store that counts the queries the cache makes, to show what reaches the database.</summary>
public sealed class CountingTokenStore(ITokenStore inner) : ITokenStore
{
    private int listActiveCalls;
    private int recordUseCalls;

    /// <summary>How many times the usable tokens were loaded.</summary>
    public int ListActiveCalls => Volatile.Read(ref listActiveCalls);

    /// <summary>How many batches of uses were written.</summary>
    public int RecordUseCalls => Volatile.Read(ref recordUseCalls);

    /// <inheritdoc />
    public string Provider => inner.Provider;

    /// <inheritdoc />
    public Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default) => inner.CreateAsync(token, cancellationToken);

    /// <inheritdoc />
    public Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default) => inner.CreateIfNoneAsync(token, cancellationToken);

    /// <inheritdoc />
    public Task<StoredToken?> GetAsync(long id, CancellationToken cancellationToken = default) => inner.GetAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default) => inner.ListAsync(cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref listActiveCalls);
        return inner.ListActiveAsync(cancellationToken);
    }

    /// <inheritdoc />
    public Task<StoredToken?> RevokeAsync(long id, CancellationToken cancellationToken = default) => inner.RevokeAsync(id, cancellationToken);

    /// <inheritdoc />
    public Task RecordUseAsync(IReadOnlyCollection<TokenUse> uses, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref recordUseCalls);
        return inner.RecordUseAsync(uses, cancellationToken);
    }
}
