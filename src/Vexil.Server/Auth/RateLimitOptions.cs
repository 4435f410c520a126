namespace Vexil.Server.Auth;

/// <summary>
/// <c>Vexil:Auth:RateLimit</c>: a token bucket per token, or per client address for requests without a valid token,
/// over every API path (<c>/api/</c>, <c>/ofrep/</c>, <c>/chatops/</c>). A caller over the limit gets 429 with
/// <c>Retry-After</c>.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Turns the limit off, e.g. for a load test; on by default.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The sustained rate each token (or address) may keep up: 2,000 requests per second by default. Fractions are
    /// allowed (0.5 is one request every two seconds).
    /// </summary>
    public double PermitsPerSecond { get; set; } = 2_000;

    /// <summary>
    /// How many requests a caller may make at once after being quiet, above the sustained rate: 4,000 by default.
    /// Must be at least 1.
    /// </summary>
    public int Burst { get; set; } = 4_000;
}
