using Microsoft.Extensions.Options;

namespace Vexil.Server.Auth;

/// <summary>
/// Accepts the configured <c>Vexil:Auth:BootstrapAdminToken</c> as an admin. Stored tokens are checked by the
/// authenticator that wraps this one.
/// </summary>
public sealed class BootstrapTokenAuthenticator(IOptions<AuthOptions> options) : ITokenAuthenticator
{
    /// <summary>The name recorded in audit events for changes made with the bootstrap token.</summary>
    public const string PrincipalName = "bootstrap-admin";

    private readonly string? bootstrapHash = string.IsNullOrWhiteSpace(options.Value.BootstrapAdminToken)
        ? null
        : TokenHasher.Hash(options.Value.BootstrapAdminToken.Trim());

    private static readonly TokenPrincipal Bootstrap = new(0, PrincipalName, TokenKind.Admin, []);

    /// <inheritdoc />
    public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(bootstrapHash is not null && TokenHasher.HashesEqual(bootstrapHash, TokenHasher.Hash(secret)) ? Bootstrap : null);
}
