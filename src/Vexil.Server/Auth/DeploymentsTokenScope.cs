using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// Endpoint metadata marking the endpoints a <see cref="TokenKind.Deployments"/> token may call (<c>/api/v1/deployments</c>).
/// Every other endpoint refuses such a token before it runs, so the credential a CI job holds reads no flag, audit
/// entry or definition and changes nothing.
/// </summary>
public sealed class DeploymentsTokenScope
{
    /// <summary>The one instance; the metadata carries no data.</summary>
    public static readonly DeploymentsTokenScope Instance = new();

    private DeploymentsTokenScope()
    {
    }

    /// <summary>True when <paramref name="context"/> carries a deployments token to an endpoint not marked for it.</summary>
    public static bool IsOutOfScope(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTokenPrincipal() is { Kind: TokenKind.Deployments }
               && context.GetEndpoint()?.Metadata.GetMetadata<DeploymentsTokenScope>() is null;
    }
}
