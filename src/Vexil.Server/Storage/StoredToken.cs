namespace Vexil.Server.Storage;

/// <summary>A token as the store keeps it: its hash and facts, never its secret.</summary>
/// <param name="Id">The store's id, from 1.</param>
/// <param name="Name">What the token is for, e.g. <c>ci-deploy</c>; recorded as "who" in audit events.</param>
/// <param name="Kind">Read, write or admin.</param>
/// <param name="Environments">Canonical environment names it is scoped to; empty means every environment.</param>
/// <param name="Hash">The lowercase hex SHA-256 of the secret (Auth's <c>TokenHasher</c>).</param>
/// <param name="CreatedBy">The name of the token (or process) that made it.</param>
/// <param name="CreatedAt">When it was made.</param>
/// <param name="LastUsedAt">When a server last accepted it, as recorded so far; null when never.</param>
/// <param name="ExpiresAt">When it stops working; null when never.</param>
/// <param name="RevokedAt">When it was revoked; null while it is not.</param>
public sealed record StoredToken(
    long Id,
    string Name,
    TokenKind Kind,
    IReadOnlyList<string> Environments,
    string Hash,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastUsedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt)
{
    /// <summary>
    /// The name the bootstrap admin token from configuration carries in audit events. No stored token may take it, or it
    /// could pass for that token; the store refuses it, so the name lives here beside the stored token.
    /// </summary>
    public const string BootstrapName = "bootstrap-admin";

    /// <summary>True when the token is neither revoked nor expired at <paramref name="now"/>.</summary>
    public bool IsActiveAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}
