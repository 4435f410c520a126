using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Vexil.Server.Tests.Api.Ofrep;

/// <summary>
/// The bootstrap admin token plus fixed read tokens, standing in for stored tokens (built elsewhere) so that scope
/// rules can be tested here.
/// </summary>
public sealed class ScopedTestTokens(ITokenAuthenticator inner) : ITokenAuthenticator
{
    /// <summary>A read token for every environment.</summary>
    public const string ReadEverywhere = "vxl_test_read_all";

    /// <summary>A read token scoped to staging only: staging becomes the request's environment.</summary>
    public const string ReadStaging = "vxl_test_read_staging";

    /// <summary>A read token scoped to dev and ops.</summary>
    public const string ReadDevAndOps = "vxl_test_read_dev_ops";

    /// <inheritdoc />
    public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) => secret switch
    {
        ReadEverywhere => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(1, "read-all", TokenKind.Read, [])),
        ReadStaging => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(2, "read-staging", TokenKind.Read, ["staging"])),
        ReadDevAndOps => ValueTask.FromResult<TokenPrincipal?>(new TokenPrincipal(3, "read-dev-ops", TokenKind.Read, ["dev", "ops"])),
        _ => inner.AuthenticateAsync(secret, cancellationToken),
    };
}
