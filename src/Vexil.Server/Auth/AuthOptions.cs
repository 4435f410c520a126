namespace Vexil.Server.Auth;

/// <summary><c>Vexil:Auth</c>: how callers prove who they are, and how much they may ask.</summary>
public sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Vexil:Auth";

    /// <summary>An admin token accepted from start-up, for first use and automation. Keep it in a secret store.</summary>
    public string? BootstrapAdminToken { get; set; }

    /// <summary>
    /// How often every server reloads the stored tokens; on SQLite this bounds how long a token revoked on another server
    /// keeps working here (on the server that revoked it, it stops at once). On PostgreSQL revocations arrive at once
    /// through LISTEN/NOTIFY, and this reload is the fallback while that signal is lost. 5 seconds by default.
    /// </summary>
    public TimeSpan TokenRefreshInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// An unknown token makes the server reload the stored tokens early, at most this often, so a token made on
    /// another server works here at once, while a flood of wrong tokens costs the database one query per interval.
    /// 1 second by default.
    /// </summary>
    public TimeSpan UnknownTokenReloadInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the times tokens were last used are written to the database; 30 seconds by default.</summary>
    public TimeSpan LastUsedFlushInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The per-token (or, without a token, per-address) limit on API requests.</summary>
    public RateLimitOptions RateLimit { get; set; } = new();
}
