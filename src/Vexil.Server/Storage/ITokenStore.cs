namespace Vexil.Server.Storage;

/// <summary>
/// The single contract for keeping API tokens, implemented on SQLite and PostgreSQL and checked by one shared contract
/// test suite. Tokens live in the flag store's database: <see cref="IFlagStore.InitializeAsync"/> applies their schema
/// with every other migration, so a token store needs no start-up of its own. A store only ever sees a token's hash,
/// never its secret.
/// </summary>
public interface ITokenStore
{
    /// <summary>The backend's name, e.g. <c>sqlite</c> or <c>postgres</c>.</summary>
    string Provider { get; }

    /// <summary>
    /// Stores a new token, stamped with the store's clock, and returns it with its id. Names are unique among tokens
    /// that are not revoked, ignoring case, checked atomically by the database; an expired token that still holds the
    /// name is marked revoked now, in the same transaction, since it works no more.
    /// </summary>
    /// <exception cref="ArgumentException">The token has no name, kind, creator or SHA-256 hash, or has the bootstrap token's reserved name.</exception>
    /// <exception cref="TokenNameTakenException">A token that is not revoked (and not expired) has the name.</exception>
    Task<StoredToken> CreateAsync(NewToken token, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="token"/> only when the table holds no token at all, atomically: of several servers
    /// starting together on one empty database exactly one succeeds. Returns null when tokens already existed.
    /// </summary>
    Task<StoredToken?> CreateIfNoneAsync(NewToken token, CancellationToken cancellationToken = default);

    /// <summary>The token with this id, revoked or not; null when there is none.</summary>
    Task<StoredToken?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Every token, revoked and expired ones included, oldest first.</summary>
    Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The tokens that may be used now (not revoked, not expired by the store's clock), oldest first.</summary>
    Task<IReadOnlyList<StoredToken>> ListActiveAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Marks a token revoked at the store's clock. Revoking twice keeps the first time. Returns the token as it is now,
    /// or null when no token has this id.
    /// </summary>
    Task<StoredToken?> RevokeAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records when tokens were last used, in one transaction. A time earlier than the stored one is ignored (uses are
    /// reported late and out of order by several servers), as are ids of tokens that no longer exist.
    /// </summary>
    Task RecordUseAsync(IReadOnlyCollection<TokenUse> uses, CancellationToken cancellationToken = default);
}
