using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;

namespace Vexil.Server.Lifecycle;

/// <summary>Maps the flag lifecycle endpoints under <c>/api/v1</c>.</summary>
public static class LifecycleEndpointRouteBuilderExtensions
{
    /// <summary>Maps <c>GET /api/v1/flags/stale</c>.</summary>
    public static IEndpointRouteBuilder MapVexilLifecycle(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/v1").WithTags("Lifecycle");
        api.MapGet("/flags/stale", StaleAsync)
            .WithSummary("Flags past their type's lifetime that serve one value everywhere, are no longer evaluated, or have lost their definition; each with its evidence.");
        return app;
    }

    private static async Task<IResult> StaleAsync(HttpContext http, StaleFlagFinder finder, IEvaluationActivity evaluations, TimeProvider time, CancellationToken cancellationToken)
    {
        if (http.GetTokenPrincipal() is null)
        {
            return Results.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.",
            });
        }

        var flags = await finder.FindAsync(cancellationToken);
        return Results.Ok(new StaleFlagsView(time.GetUtcNow(), finder.StaleAfterDays, await evaluations.IsRecordedAsync(cancellationToken), flags));
    }
}
