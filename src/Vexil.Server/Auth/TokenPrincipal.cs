using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>
/// The authenticated caller: a token's identity and rights, attached to the request by <c>TokenAuthenticationMiddleware</c>.
/// </summary>
/// <param name="Id">The token's id (0 for the bootstrap admin token from configuration).</param>
/// <param name="Name">The token's name, recorded as "who" in audit events made through the APIs.</param>
/// <param name="Kind">Read, write, admin or metrics.</param>
/// <param name="Environments">The environments (canonical names) it is scoped to; empty means every environment.</param>
public sealed record TokenPrincipal(long Id, string Name, TokenKind Kind, IReadOnlyList<string> Environments)
{
    /// <summary>
    /// The identity and rights a request made with <paramref name="token"/> carries. It is built here, not by the stored
    /// token, because Storage knows nothing of Auth (the architecture tests hold that rule).
    /// </summary>
    public static TokenPrincipal From(StoredToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new(token.Id, token.Name, token.Kind, token.Environments);
    }

    /// <summary>True when the token is scoped to exactly one environment; that one is then the request's environment.</summary>
    public string? SingleEnvironment => Environments.Count == 1 ? Environments[0] : null;

    /// <summary>True when the token may read or evaluate flags in <paramref name="environment"/>.</summary>
    public bool CanRead(VexilEnvironment environment) =>
        Kind == TokenKind.Admin
        || (Kind is TokenKind.Read or TokenKind.Write
            && (Environments.Count == 0 || Environments.Contains(environment.Name, StringComparer.Ordinal)));

    /// <summary>
    /// True when the token may change flags in <paramref name="environment"/>. A protected environment needs an admin
    /// token or a write token scoped to it by name: an unscoped write token does not reach production.
    /// </summary>
    public bool CanWrite(VexilEnvironment environment) =>
        Kind == TokenKind.Admin
        || (Kind == TokenKind.Write && (Environments.Contains(environment.Name, StringComparer.Ordinal)
                                        || (Environments.Count == 0 && !environment.IsProtected)));

    /// <summary>True for admin tokens: token management and other instance-wide operations.</summary>
    public bool IsAdmin => Kind == TokenKind.Admin;

    /// <summary>True when the token may read the Prometheus metrics at <c>/metrics</c>: a metrics or an admin token.</summary>
    public bool CanScrapeMetrics => Kind is TokenKind.Metrics or TokenKind.Admin;
}
