namespace Vexil.Server.Storage;

/// <summary>A token to store: its hash, never its secret.</summary>
/// <param name="Name">What the token is for.</param>
/// <param name="Kind">Read, write or admin.</param>
/// <param name="Environments">Canonical environment names it is scoped to; empty means every environment.</param>
/// <param name="Hash">The lowercase hex SHA-256 of the secret (Auth's <c>TokenHasher.Hash</c>).</param>
/// <param name="CreatedBy">The name of the token (or process) that makes it.</param>
/// <param name="ExpiresAt">When it stops working; null when never.</param>
public sealed record NewToken(
    string Name,
    TokenKind Kind,
    IReadOnlyList<string> Environments,
    string Hash,
    string CreatedBy,
    DateTimeOffset? ExpiresAt = null);
