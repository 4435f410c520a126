using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>A token just made: what is stored, and the secret, which exists only here and is shown once.</summary>
/// <param name="Token">The stored token.</param>
/// <param name="Secret">The secret to hand to its user; never stored, never shown again.</param>
public sealed record IssuedToken(StoredToken Token, string Secret);
