namespace Vexil.Server.Auth;

/// <summary>
/// The server's <see cref="ITokenAuthenticator"/>: the bootstrap admin token from configuration, then the stored
/// tokens held by <see cref="TokenCache"/>. The secret is hashed once, on the stack; a known or expired token is
/// answered without allocating or waiting, and only an unknown one may wait for a (shared, rate-bounded) reload.
/// </summary>
internal sealed class TokenAuthenticator(BootstrapTokenAuthenticator bootstrap, TokenCache cache) : ITokenAuthenticator
{
    /// <inheritdoc />
    public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<char> hash = stackalloc char[TokenHasher.HashLength];
        TokenHasher.Hash(secret, hash);

        if (bootstrap.AuthenticateHash(hash) is { } admin)
        {
            return ValueTask.FromResult<TokenPrincipal?>(admin);
        }

        return cache.TryAuthenticate(hash, out var principal) switch
        {
            TokenCache.Lookup.Found => ValueTask.FromResult(principal),
            TokenCache.Lookup.Expired => ValueTask.FromResult<TokenPrincipal?>(null),
            _ => cache.AuthenticateAfterReloadAsync(new string(hash), cancellationToken),
        };
    }
}
