namespace Vexil.Server.Auth;

/// <summary>
/// Reads the token from <c>PRIVATE-TOKEN</c> (GitLab's header) or <c>Authorization: Bearer</c> (OpenFeature's OFREP
/// providers) and records the result on the request. It never answers the request itself: each API shapes its own
/// 401 and 403 (GitLab's <c>{"message": "401 Unauthorized"}</c>, ProblemDetails, OFREP's error body).
/// </summary>
public sealed class TokenAuthenticationMiddleware(RequestDelegate next, ITokenAuthenticator authenticator)
{
    /// <summary>The GitLab header.</summary>
    public const string PrivateTokenHeader = "PRIVATE-TOKEN";

    /// <summary>Handles a request.</summary>
    public Task InvokeAsync(HttpContext context)
    {
        var secret = ReadSecret(context.Request);
        var authenticating = secret is null ? ValueTask.FromResult<TokenPrincipal?>(null) : authenticator.AuthenticateAsync(secret, context.RequestAborted);
        if (!authenticating.IsCompletedSuccessfully)
        {
            return AuthenticateThenContinueAsync(context, secret is not null, authenticating);
        }

        // A known token (the cache answers at once): hand over the next middleware's task rather than awaiting it, so
        // no frame of this method stays alive for the request's lifetime (hours, for a change stream).
        context.Features.Set(new TokenAuthenticationFeature(secret is not null, authenticating.Result));
        return next(context);
    }

    private async Task AuthenticateThenContinueAsync(HttpContext context, bool presented, ValueTask<TokenPrincipal?> authenticating)
    {
        context.Features.Set(new TokenAuthenticationFeature(presented, await authenticating));
        await next(context);
    }

    private static string? ReadSecret(HttpRequest request)
    {
        var privateToken = request.Headers[PrivateTokenHeader].ToString();
        if (!string.IsNullOrWhiteSpace(privateToken))
        {
            return privateToken.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        const string Bearer = "Bearer ";
        return authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) && authorization.Length > Bearer.Length
            ? authorization[Bearer.Length..].Trim()
            : null;
    }
}
