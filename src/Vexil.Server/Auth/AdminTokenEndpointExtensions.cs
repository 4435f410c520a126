using Vexil.Server.Storage;

namespace Vexil.Server.Auth;

/// <summary>Restricts endpoints of the native API to admin tokens, answering in ProblemDetails.</summary>
public static class AdminTokenEndpointExtensions
{
    /// <summary>
    /// Lets a request through only with an admin token: without a token, or with one that is unknown, revoked or
    /// expired, it gets 401 (with <c>WWW-Authenticate: Bearer</c>); with a valid token of another kind, 403.
    /// </summary>
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => Refusal(context.HttpContext) ?? await next(context));

    /// <summary>The refusal for a request that is not made with an admin token; null when it is.</summary>
    internal static IResult? Refusal(HttpContext context)
    {
        var principal = context.GetTokenPrincipal();
        if (principal is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            var detail = context.PresentedToken()
                ? "The token is not valid: it is unknown, revoked or expired. Send a current admin token."
                : $"This needs an admin token: send it in the {TokenAuthenticationMiddleware.PrivateTokenHeader} header or as 'Authorization: Bearer <token>'.";
            return TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized");
        }

        return principal.IsAdmin
            ? null
            : TypedResults.Problem(
                detail: $"This needs an admin token; '{principal.Name}' is a {TokenKinds.ToText(principal.Kind)} token. Ask an admin, or use an admin token.",
                statusCode: StatusCodes.Status403Forbidden,
                title: "Forbidden");
    }
}
