using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using Vexil.Server.Auth;
using Vexil.Server.Environments;

namespace Vexil.Server.Api.ChangeStream;

/// <summary>
/// Who may read an environment's snapshot and stream: any valid token (read, write or admin) whose scope includes the
/// environment. The same checks and messages for both endpoints, so an SDK sees one set of answers.
/// </summary>
internal static class StreamAccess
{
    /// <summary>
    /// Resolves <paramref name="requested"/> (a name or an alias) for the caller; null and the ProblemDetails answer
    /// (401, 404 naming the known environments, or 403) when it may not be read.
    /// </summary>
    public static VexilEnvironment? Check(HttpContext context, EnvironmentCatalog environments, string requested, out IResult? denial)
    {
        var token = context.GetTokenPrincipal();
        if (token is null)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            denial = Problem(
                StatusCodes.Status401Unauthorized,
                "Unauthorized",
                context.PresentedToken()
                    ? "The token is not valid (unknown, revoked or expired); create a new one."
                    : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
            return null;
        }

        var environment = environments.Resolve(requested);
        if (environment is null)
        {
            denial = Problem(StatusCodes.Status404NotFound, "Unknown environment", environments.UnknownEnvironmentMessage(requested));
            return null;
        }

        if (!token.CanRead(environment))
        {
            denial = Problem(
                StatusCodes.Status403Forbidden,
                "Forbidden",
                $"This token cannot read {environment.Name}; use a token whose scope includes it.");
            return null;
        }

        denial = null;
        return environment;
    }

    /// <summary>A ProblemDetails answer.</summary>
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });
}
