using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Deployments.Api;

/// <summary>
/// Who may use <c>/api/v1/deployments</c>. Recording needs a deployments token (limited to its environments when it has
/// any) or an admin token: a write token changes flags, which is a different right from saying what CI deployed.
/// Listing is open to every token that reads the environment, and to deployments tokens within their scope.
/// </summary>
internal static class DeploymentAccess
{
    /// <summary>Null when the caller may record a deployment to <paramref name="environment"/>; otherwise the 401 or 403 to answer.</summary>
    public static IResult? RequireRecorder(HttpContext http, VexilEnvironment? environment, out TokenPrincipal token)
    {
        token = http.GetTokenPrincipal()!;
        if (token is null)
        {
            return Unauthorized(http);
        }

        if (token.Kind is not (TokenKind.Deployments or TokenKind.Admin))
        {
            return Problem(
                StatusCodes.Status403Forbidden,
                "Forbidden",
                $"Recording a deployment needs a deployments or admin token; '{token.Name}' is a {TokenKinds.ToText(token.Kind)} token. Make one for CI with `vexil token create --kind deployments`.");
        }

        if (environment is not null && !InScope(token, environment))
        {
            return Problem(StatusCodes.Status403Forbidden, "Forbidden", $"'{token.Name}' may record deployments to {string.Join(", ", token.Environments)} only, not {environment.Name}.");
        }

        return null;
    }

    /// <summary>Null when the caller may list deployments at all; otherwise the 401 to answer.</summary>
    public static IResult? RequireLister(HttpContext http, out TokenPrincipal token)
    {
        token = http.GetTokenPrincipal()!;
        return token is null ? Unauthorized(http) : null;
    }

    /// <summary>True when the caller may see deployments to <paramref name="environment"/>.</summary>
    public static bool CanList(TokenPrincipal token, VexilEnvironment environment) =>
        token.Kind == TokenKind.Deployments ? InScope(token, environment) : token.CanRead(environment);

    /// <summary>A ProblemDetails answer.</summary>
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static bool InScope(TokenPrincipal token, VexilEnvironment environment) =>
        token.IsAdmin || token.Environments.Count == 0 || token.Environments.Contains(environment.Name, StringComparer.Ordinal);

    private static IResult Unauthorized(HttpContext http) =>
        Problem(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            http.PresentedToken()
                ? "The token is not valid (unknown, revoked or expired); create a new one."
                : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
}
