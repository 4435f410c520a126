using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// Makes, lists and revokes tokens: the store holds them, and the <see cref="TokenCache"/> is brought up to date before
/// a call returns, so a token works on this server as soon as it is made and stops as soon as it is revoked.
/// Callers (the tokens API, the first start) check rights and input first.
/// </summary>
internal sealed class TokenService(ITokenStore store, TokenCache cache, ILogger<TokenService> logger)
{
    /// <summary>The name of the admin token made on the first start.</summary>
    public const string FirstAdminName = "first-admin";

    /// <summary>Who made the first start's admin token, as recorded in <see cref="StoredToken.CreatedBy"/>.</summary>
    public const string FirstStartCreator = "vexil first start";

    /// <summary>Makes a token; its secret is in the result and nowhere else.</summary>
    public async Task<IssuedToken> CreateAsync(
        string name,
        TokenKind kind,
        IReadOnlyList<string> environments,
        DateTimeOffset? expiresAt,
        string createdBy,
        CancellationToken cancellationToken)
    {
        var secret = TokenHasher.NewSecret();
        var stored = await store.CreateAsync(new NewToken(name, kind, environments, TokenHasher.Hash(secret), createdBy, expiresAt), cancellationToken);
        await ReloadAfterChangeAsync();
        logger.LogInformation(
            "{CreatedBy} created {Kind} token {TokenId} ({TokenName}) for {Environments}",
            createdBy,
            TokenKinds.ToText(kind),
            stored.Id,
            stored.Name,
            environments.Count == 0 ? "every environment" : string.Join(", ", environments));
        return new IssuedToken(stored, secret);
    }

    /// <summary>Makes an admin token when no token exists at all (the first start); null when tokens exist.</summary>
    public async Task<IssuedToken?> CreateFirstAdminAsync(CancellationToken cancellationToken)
    {
        var secret = TokenHasher.NewSecret();
        var stored = await store.CreateIfNoneAsync(
            new NewToken(FirstAdminName, TokenKind.Admin, [], TokenHasher.Hash(secret), FirstStartCreator),
            cancellationToken);
        if (stored is null)
        {
            return null;
        }

        await ReloadAfterChangeAsync();
        return new IssuedToken(stored, secret);
    }

    /// <summary>Every token, revoked and expired ones included, oldest first.</summary>
    public Task<IReadOnlyList<StoredToken>> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

    /// <summary>One token; null when there is none with this id.</summary>
    public Task<StoredToken?> GetAsync(long id, CancellationToken cancellationToken) => store.GetAsync(id, cancellationToken);

    /// <summary>Revokes a token; this server refuses it from now on. Null when there is none with this id.</summary>
    public async Task<StoredToken?> RevokeAsync(long id, string revokedBy, CancellationToken cancellationToken)
    {
        var revoked = await store.RevokeAsync(id, cancellationToken);
        if (revoked is null)
        {
            return null;
        }

        cache.Forget(id);
        logger.LogInformation("{RevokedBy} revoked token {TokenId} ({TokenName})", revokedBy, id, revoked.Name);
        return revoked;
    }

    private async Task ReloadAfterChangeAsync()
    {
        // The change is committed whatever happens here, and a caller who hung up must not leave the cache behind it;
        // if the reload fails, the periodic refresh brings the token in a few seconds later.
        try
        {
            await cache.ReloadAsync(CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Could not reload the stored tokens after a change; the next refresh will.");
        }
    }
}
