using System.Text.Json.Serialization;
using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Vexil.Server.Api.Tokens;

/// <summary>A token as the API shows it: never its secret, never its hash.</summary>
public class TokenResponse
{
    /// <summary>The token's id; revoke it with <c>DELETE /api/v1/tokens/{id}</c>.</summary>
    [JsonPropertyOrder(-10)]
    public required long Id { get; init; }

    /// <summary>What the token is for.</summary>
    public required string Name { get; init; }

    /// <summary><c>read</c>, <c>write</c> or <c>admin</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Canonical environment names it is limited to; empty means every environment.</summary>
    public required IReadOnlyList<string> Environments { get; init; }

    /// <summary>The token (or process) that made it.</summary>
    public required string CreatedBy { get; init; }

    /// <summary>When it was made.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last used, as recorded so far (written every half minute or so); null when never.</summary>
    public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>When it stops working; null when never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When it was revoked; null while it is not.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>True when it works now: neither revoked nor expired.</summary>
    public required bool Active { get; init; }

    /// <summary>The API's view of a stored token at <paramref name="now"/>.</summary>
    public static TokenResponse From(StoredToken token, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new TokenResponse
        {
            Id = token.Id,
            Name = token.Name,
            Kind = TokenKinds.ToText(token.Kind),
            Environments = token.Environments,
            CreatedBy = token.CreatedBy,
            CreatedAt = token.CreatedAt,
            LastUsedAt = token.LastUsedAt,
            ExpiresAt = token.ExpiresAt,
            RevokedAt = token.RevokedAt,
            Active = token.IsActiveAt(now),
        };
    }
}
