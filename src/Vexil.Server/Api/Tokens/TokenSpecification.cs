using Vexil.Server.Storage;

namespace Vexil.Server.Api.Tokens;

/// <summary>A <see cref="CreateTokenRequest"/> that passed validation, with environments in canonical form.</summary>
/// <param name="Name">The trimmed name.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Environments">Canonical environment names, each once, in the order given.</param>
/// <param name="ExpiresAt">When it stops working; null when never.</param>
internal sealed record TokenSpecification(string Name, TokenKind Kind, IReadOnlyList<string> Environments, DateTimeOffset? ExpiresAt);
