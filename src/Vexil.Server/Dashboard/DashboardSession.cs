using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Vexil.Server.Auth;
using Vexil.Server.Storage;

namespace Vexil.Server.Dashboard;

/// <summary>
/// The dashboard's session: a cookie (HTTP-only, SameSite=Strict, Secure on HTTPS) whose ticket Data Protection
/// encrypts and signs. The ticket carries the pasted token's secret, so every request authenticates it again through
/// <see cref="ITokenAuthenticator"/> (answered from memory): a revoked or expired token ends the session at the next
/// request, and the page offers exactly what the token may do now. The APIs never read this cookie, so they stay free
/// of cross-site request forgery.
/// </summary>
public static class DashboardSession
{
    /// <summary>The authentication scheme of the session cookie.</summary>
    public const string Scheme = "VexilDashboard";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "vexil_session";

    /// <summary>The antiforgery cookie's name.</summary>
    public const string AntiforgeryCookieName = "vexil_antiforgery";

    private const string SecretClaim = "vexil:token_secret";

    /// <summary>The signed-in token of this request, or null (set by <see cref="ValidateAsync"/>).</summary>
    public static TokenPrincipal? GetDashboardUser(this HttpContext context) =>
        context.Features.Get<DashboardUserFeature>()?.Principal;

    /// <summary>The principal of a pasted secret without starting a session; null when it is no valid token.</summary>
    public static ValueTask<TokenPrincipal?> AuthenticateAsync(HttpContext context, string secret)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(secret);
        return context.RequestServices.GetRequiredService<ITokenAuthenticator>().AuthenticateAsync(secret.Trim(), context.RequestAborted);
    }

    /// <summary>
    /// True for the token kinds that read flags (read, write, admin): the dashboard shows flags, so a <c>metrics</c> or
    /// <c>deployments</c> token is refused at sign-in with a sentence rather than given an empty page.
    /// </summary>
    public static bool CanReadFlags(TokenPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.Kind is TokenKind.Read or TokenKind.Write or TokenKind.Admin;
    }

    /// <summary>Starts a session for <paramref name="secret"/> and returns its principal, or null when the token is not valid.</summary>
    public static async Task<TokenPrincipal?> SignInAsync(HttpContext context, string secret)
    {
        ArgumentNullException.ThrowIfNull(context);
        var authenticator = context.RequestServices.GetRequiredService<ITokenAuthenticator>();
        var principal = await authenticator.AuthenticateAsync(secret.Trim(), context.RequestAborted);
        if (principal is null)
        {
            return null;
        }

        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, principal.Name), new Claim(SecretClaim, secret.Trim())], Scheme);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity));
        context.Features.Set(new DashboardUserFeature(principal));
        return principal;
    }

    /// <summary>Ends the session.</summary>
    public static Task SignOutAsync(HttpContext context) => context.SignOutAsync(Scheme);

    /// <summary>
    /// The cookie handler's <c>OnValidatePrincipal</c>: authenticates the token again; a token that is no longer valid
    /// rejects the session and deletes the cookie.
    /// </summary>
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var secret = context.Principal?.FindFirst(SecretClaim)?.Value;
        var authenticator = context.HttpContext.RequestServices.GetRequiredService<ITokenAuthenticator>();
        var principal = secret is null ? null : await authenticator.AuthenticateAsync(secret, context.HttpContext.RequestAborted);
        if (principal is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        context.HttpContext.Features.Set(new DashboardUserFeature(principal));
    }

    /// <summary>
    /// Authenticates the session cookie of a dashboard request (the pipeline calls it for dashboard paths only) and makes
    /// its principal the request's user, as a default scheme would: antiforgery binds its form tokens to that user.
    /// </summary>
    public static async Task AuthenticateAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.AuthenticateAsync(Scheme);
        if (result.Succeeded)
        {
            context.User = result.Principal;
        }
    }
}
