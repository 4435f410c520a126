namespace Vexil.Server.Auth;

/// <summary>What the authentication middleware found on a request.</summary>
/// <param name="Presented">True when the request carried a token (valid or not).</param>
/// <param name="Principal">The authenticated token, or null.</param>
public sealed record TokenAuthenticationFeature(bool Presented, TokenPrincipal? Principal);
