using Vexil.Server.Auth;

namespace Vexil.Server.Hosting;

/// <summary>
/// Refuses a metrics token (<see cref="TokenKind.Metrics"/>) everywhere but <c>/metrics</c>, with a 403 in the error
/// shape of the API asked (<see cref="ApiErrorAnswers"/>). One check in front of every endpoint, rather than a rule each
/// API must remember: a new endpoint is closed to scrapers unless it says otherwise (<see cref="MetricsTokenScope"/>).
/// </summary>
internal sealed class MetricsTokenScopeMiddleware(RequestDelegate next)
{
    /// <summary>Handles a request.</summary>
    public Task InvokeAsync(HttpContext context) =>
        MetricsTokenScope.IsOutOfScope(context)
            ? ApiErrorAnswers.WriteAsync(
                context,
                StatusCodes.Status403Forbidden,
                "Forbidden",
                $"'{context.GetTokenPrincipal()!.Name}' is a metrics token: it may only read /metrics. Use a read, write or admin token for this.")
            : next(context);
}
