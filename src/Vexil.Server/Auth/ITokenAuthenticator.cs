namespace Vexil.Server.Auth;

/// <summary>
/// Turns a presented secret into a <see cref="TokenPrincipal"/>, or null when no valid token has that secret. Called on
/// every request, including evaluations, so implementations answer from memory on the hot path.
/// </summary>
public interface ITokenAuthenticator
{
    /// <summary>Authenticates a secret.</summary>
    ValueTask<TokenPrincipal?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default);
}
