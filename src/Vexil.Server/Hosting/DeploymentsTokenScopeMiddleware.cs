using Vexil.Server.Auth;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses a deployments token (<see cref="TokenKind.Deployments"/>) everywhere but <c>/api/v1/deployments</c>, with a
/// 403 in the error shape of the API asked (<see cref="ApiErrorAnswers"/>). One check in front of every endpoint, as
/// for metrics tokens: a new endpoint is closed to CI's credential unless it says otherwise (<see cref="DeploymentsTokenScope"/>).
/// </summary>
internal sealed class DeploymentsTokenScopeMiddleware(RequestDelegate next)
{
    /// <summary>Handles a request.</summary>
    public Task InvokeAsync(HttpContext context) =>
        DeploymentsTokenScope.IsOutOfScope(context)
            ? ApiErrorAnswers.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Forbidden",
                $"'{context.GetTokenPrincipal()!.Name}' is a deployments token: it may only record and list deployments at /api/v1/deployments. Use a read, write or admin token for this.")
            : next(context);
}
