using System.Text.Json.Serialization;
using Vexil.Server.Auth;

namespace Vexil.Server.Api.Tokens;

/// <summary>The answer to <c>POST /api/v1/tokens</c>: the token and, this once, its secret.</summary>
public sealed class CreatedTokenResponse : TokenResponse
{
    /// <summary>The secret to send as <c>PRIVATE-TOKEN</c> or <c>Authorization: Bearer</c>. Shown only now; Vexil keeps only its hash.</summary>
    [JsonPropertyOrder(-5)]
    public required string Token { get; init; }

    /// <summary>The API's view of a token just made.</summary>
    public static CreatedTokenResponse From(IssuedToken issued, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issued);
        var view = TokenResponse.From(issued.Token, now);
        return new CreatedTokenResponse
        {
            Token = issued.Secret,
            Id = view.Id,
            Name = view.Name,
            Kind = view.Kind,
            Environments = view.Environments,
            CreatedBy = view.CreatedBy,
            CreatedAt = view.CreatedAt,
            LastUsedAt = view.LastUsedAt,
            ExpiresAt = view.ExpiresAt,
            RevokedAt = view.RevokedAt,
            Active = view.Active,
        };
    }
}
