using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Storage;

namespace Vexil.Server.Incidents.Api;

/// <summary>
/// Who may use the incident and change-lock endpoints. Anyone with an admin or write token may read them and pull the
/// brake (open an incident, add a lock); releasing it (closing an incident, removing a lock) needs a token that could
/// change a protected environment itself: an admin token or a write token scoped to one.
/// </summary>
internal static class IncidentAccess
{
    /// <summary>Null when the caller may read or add; otherwise the 401 or 403 to answer.</summary>
    public static IResult? RequireWriter(HttpContext http, out TokenPrincipal token)
    {
        token = http.GetTokenPrincipal()!;
        if (token is null)
        {
            return Unauthorized(http);
        }

        return token.Kind is TokenKind.Admin or TokenKind.Write
            ? null
            : Problem(StatusCodes.Status403Forbidden, "Forbidden", "Incidents and change locks need an admin or write token; this one can only read.");
    }

    /// <summary>Null when the caller may release (close an incident, remove a lock); otherwise the 401 or 403 to answer.</summary>
    public static IResult? RequireReleaser(HttpContext http, EnvironmentCatalog environments, out TokenPrincipal token)
    {
        if (RequireWriter(http, out token) is { } denied)
        {
            return denied;
        }

        var caller = token;
        return caller.IsAdmin || environments.All.Any(environment => environment.IsProtected && caller.CanWrite(environment))
            ? null
            : Problem(
                StatusCodes.Status403Forbidden,
                "Forbidden",
                "Closing an incident or removing a change lock lets production change again: use an admin token or a write token scoped to a protected environment.");
    }

    /// <summary>A ProblemDetails answer.</summary>
    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    private static IResult Unauthorized(HttpContext http) =>
        Problem(
            StatusCodes.Status401Unauthorized,
            "Unauthorized",
            http.PresentedToken()
                ? "The token is not valid (unknown, revoked or expired); create a new one."
                : "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.");
}
