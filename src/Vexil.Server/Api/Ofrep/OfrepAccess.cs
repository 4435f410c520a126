using Vexil.Server.Auth;
using Vexil.Server.Environments;

namespace Vexil.Server.Api.Ofrep;

/// <summary>
/// Who may evaluate where: a valid token (401 without one), the environment resolved the shared way (token scope,
/// <c>environment</c> query parameter, <c>X-Vexil-Environment</c> header, default; 400 when unknown; 403 when a scoped
/// token names another environment), and the token's read right there (403 without it).
/// </summary>
internal static class OfrepAccess
{
    /// <summary>The query parameter that names the environment (the header works too).</summary>
    public const string EnvironmentParameter = "environment";

    /// <summary>Returns null and the environment when the request may evaluate, otherwise why not.</summary>
    public static OfrepDenial? Check(HttpContext context, EnvironmentCatalog environments, out VexilEnvironment environment)
    {
        environment = environments.Default;
        var principal = context.GetTokenPrincipal();
        if (principal is null)
        {
            return new OfrepDenial(
                StatusCodes.Status401Unauthorized,
                null,
                context.PresentedToken()
                    ? "The token is not valid: send a Vexil token with read access as 'Authorization: Bearer <token>'."
                    : "No token was sent: send a Vexil token with read access as 'Authorization: Bearer <token>'.");
        }

        // Most evaluations carry no query string; skip parsing one.
        var parameter = context.Request.QueryString.HasValue ? context.Request.Query[EnvironmentParameter].ToString() : null;
        var resolved = RequestEnvironment.Resolve(context, environments, parameter, out var problem);
        if (resolved is null)
        {
            return new OfrepDenial(StatusCodes.Status400BadRequest, OfrepErrorCode.General, problem!);
        }

        // A token scoped to one environment evaluates there; a request that names another one explicitly is refused
        // (403, as the GitLab API refuses it) rather than silently answered from the token's environment.
        if (RequestEnvironment.Named(context, parameter) is { } named)
        {
            if (environments.Resolve(named) is not { } namedEnvironment)
            {
                return new OfrepDenial(StatusCodes.Status400BadRequest, OfrepErrorCode.General, environments.UnknownEnvironmentMessage(named));
            }

            if (namedEnvironment.Name != resolved.Name)
            {
                return new OfrepDenial(
                    StatusCodes.Status403Forbidden,
                    null,
                    $"This token is scoped to environment '{resolved.Name}' and may not read '{namedEnvironment.Name}': use a token for '{namedEnvironment.Name}', or leave the environment out.");
            }
        }

        environment = resolved;
        return principal.CanRead(resolved)
            ? null
            : new OfrepDenial(
                StatusCodes.Status403Forbidden,
                null,
                $"This token may not read environment '{resolved.Name}': use a token scoped to it, or name another environment.");
    }
}
