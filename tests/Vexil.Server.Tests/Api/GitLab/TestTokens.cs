using Vexil.Server.Auth;
using Vexil.Server.Storage;
using Vexil.Server.Tests.Infrastructure;
using Xunit;

namespace Vexil.Server.Tests.Api.GitLab;

/// <summary>
/// Fixed tokens of every kind and scope for the Features API tests, so they do not depend on how tokens are stored.
/// </summary>
public sealed class TestTokens : ITokenAuthenticator
{
    /// <summary>Read, every environment.</summary>
    public const string ReadAll = "vxl_test_read_all";

    /// <summary>Read, staging only.</summary>
    public const string ReadStaging = "vxl_test_read_staging";

    /// <summary>Write, every environment that is not protected.</summary>
    public const string WriteUnscoped = "vxl_test_write_unscoped";

    /// <summary>Write, staging only.</summary>
    public const string WriteStaging = "vxl_test_write_staging";

    /// <summary>Write, production only (named, so it reaches the protected environment).</summary>
    public const string WriteProduction = "vxl_test_write_production";

    private static readonly Dictionary<string, TokenPrincipal> Principals = new(StringComparer.Ordinal)
    {
        [VexilServerFactory.AdminToken] = new(1, "test-admin", TokenKind.Admin, []),
        [ReadAll] = new(2, "reader", TokenKind.Read, []),
        [ReadStaging] = new(3, "staging-reader", TokenKind.Read, ["staging"]),
        [WriteUnscoped] = new(4, "writer", TokenKind.Write, []),
        [WriteStaging] = new(5, "staging-writer", TokenKind.Write, ["staging"]),
        [WriteProduction] = new(6, "production-writer", TokenKind.Write, ["production"]),
    };

    /// <inheritdoc />
    public ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Principals.GetValueOrDefault(secret));
}
