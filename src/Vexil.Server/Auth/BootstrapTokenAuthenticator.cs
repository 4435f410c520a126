using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// Accepts the configured <c>Vexil:Auth:BootstrapAdminToken</c> as an admin. Stored tokens are checked by the
/// authenticator that wraps this one.
/// </summary>
public sealed class BootstrapTokenAuthenticator(IOptions<AuthOptions> options) : ITokenAuthenticator
{
    /// <summary>The name recorded in audit events for changes made with the bootstrap token.</summary>
    public const string PrincipalName = StoredToken.BootstrapName;

    private readonly string? bootstrapHash = string.IsNullOrWhiteSpace(options.Value.BootstrapAdminToken)
        ? null
        : TokenHasher.Hash(options.Value.BootstrapAdminToken.Trim());

    private static readonly TokenPrincipal Bootstrap = new(0, PrincipalName, TokenKind.Admin, []);

    /// <summary>True when a bootstrap admin token is configured.</summary>
    public bool IsConfigured => bootstrapHash is not null;

    /// <inheritdoc />
    public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(bootstrapHash is not null && TokenHasher.HashesEqual(bootstrapHash, TokenHasher.Hash(secret)) ? Bootstrap : null);

    /// <summary>The bootstrap principal when <paramref name="hash"/> is the bootstrap token's hash; else null.</summary>
    public TokenPrincipal? AuthenticateHash(ReadOnlySpan<char> hash)
    {
        if (bootstrapHash is null || hash.Length != bootstrapHash.Length)
        {
            return null;
        }

        // Hex digits are ASCII, so comparing the UTF-16 units as bytes in constant time compares the hashes.
        return CryptographicOperations.FixedTimeEquals(
            MemoryMarshal.AsBytes(bootstrapHash.AsSpan()),
            MemoryMarshal.AsBytes(hash))
            ? Bootstrap
            : null;
    }
}
