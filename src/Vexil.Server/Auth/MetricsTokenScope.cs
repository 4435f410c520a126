using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// Endpoint metadata marking the endpoints a <see cref="TokenKind.Metrics"/> token may call (<c>/metrics</c>, <c>/health</c>). Every
/// other endpoint refuses such a token before it runs, so that no API that lets "any valid token" through (the audit
/// trail, the definitions) can be read with a scraper's credential.
/// </summary>
public sealed class MetricsTokenScope
{
    /// <summary>The one instance; the metadata carries no data.</summary>
    public static readonly MetricsTokenScope Instance = new();

    private MetricsTokenScope()
    {
    }

    /// <summary>True when <paramref name="context"/> carries a metrics token to an endpoint not marked for it.</summary>
    public static bool IsOutOfScope(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetTokenPrincipal() is { Kind: TokenKind.Metrics }
               && context.GetEndpoint()?.Metadata.GetMetadata<MetricsTokenScope>() is null;
    }
}
