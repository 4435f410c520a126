namespace Vexil.Cli.Api;

/// <summary>A token as <c>/api/v1/tokens</c> shows it (never its secret).</summary>
internal class TokenInfo
{
    /// <summary>The id to revoke it by.</summary>
    public long Id { get; init; }

    /// <summary>What the token is for.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>read</c>, <c>write</c> or <c>admin</c>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>The environments it is limited to; empty means all.</summary>
    public IReadOnlyList<string>? Environments { get; init; }

    /// <summary>Who made it.</summary>
    public string? CreatedBy { get; init; }

    /// <summary>When it was made.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last used, if ever.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When it stops working, if ever.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was revoked, if it was.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>True while it works.</summary>
    public bool Active { get; init; }
}
