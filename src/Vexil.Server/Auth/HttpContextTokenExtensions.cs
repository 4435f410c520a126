namespace Vexil.Server.Auth;

/// <summary>Access to the caller's token from endpoints.</summary>
public static class HttpContextTokenExtensions
{
    /// <summary>The authenticated token, or null when none or an invalid one was presented.</summary>
    public static TokenPrincipal? GetTokenPrincipal(this HttpContext context) =>
        context.Features.Get<TokenAuthenticationFeature>()?.Principal;

    /// <summary>True when the request carried a token, valid or not.</summary>
    public static bool PresentedToken(this HttpContext context) =>
        context.Features.Get<TokenAuthenticationFeature>()?.Presented ?? false;
}
