using System.Net;

namespace Vexil.Server.Auth;

/// <summary>
/// Whose bucket a request draws from: its token's (by id, so a flood of made-up tokens cannot open new buckets), or,
/// without a valid token, its client address's. A value type, so choosing a bucket allocates nothing.
/// </summary>
/// <param name="TokenId">The token's id (0 for the bootstrap admin token), or -1 when the request has no valid token.</param>
/// <param name="Address">The client address when the request has no valid token; null otherwise.</param>
internal readonly record struct RateLimitPartitionKey(long TokenId, IPAddress? Address)
{
    /// <summary>The key of every request outside the limited paths.</summary>
    public static readonly RateLimitPartitionKey Unlimited = new(long.MinValue, null);

    /// <summary>The key of a request.</summary>
    public static RateLimitPartitionKey For(HttpContext context) =>
        context.GetTokenPrincipal() is { } principal
            ? new RateLimitPartitionKey(principal.Id, null)
            : new RateLimitPartitionKey(-1, context.Connection.RemoteIpAddress);
}
