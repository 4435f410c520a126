using Microsoft.AspNetCore.Mvc;
using Vexil.Core.Naming;
using Vexil.Server.Auth;
using Vexil.Server.Environments;
using Vexil.Server.Rollouts.Checklist;

namespace Vexil.Server.Rollouts.Api;

/// <summary>
/// <c>GET /api/v1/flags/{name}/checklist</c> (the live rollout checklist as JSON) and
/// <c>GET /api/v1/flags/{name}/rollout-issue</c> (a rollout issue in Markdown, done items ticked). Any valid token.
/// </summary>
public static class ChecklistApi
{
    /// <summary>Maps the endpoints.</summary>
    public static void Map(IEndpointRouteBuilder app)
    {
        var flags = app.MapGroup("/api/v1/flags").WithTags("Rollouts");
        flags.MapGet("/{name}/checklist", async (HttpContext http, string name, FlagChecklist checklist, CancellationToken cancellationToken) =>
            Check(http, name) ?? TypedResults.Ok(await checklist.BuildAsync(name, cancellationToken)))
            .WithSummary("The flag's rollout checklist from live state: each item done, not_done or unknown, with its evidence.");
        flags.MapGet("/{name}/rollout-issue", async (HttpContext http, string name, FlagChecklist checklist, EnvironmentCatalog environments, CancellationToken cancellationToken) =>
            Check(http, name) ?? Results.Text(RolloutIssueWriter.Write(await checklist.BuildAsync(name, cancellationToken), environments), "text/markdown; charset=utf-8"))
            .WithSummary("A rollout issue for the flag in Markdown, with the items already done ticked.");
    }

    private static IResult? Check(HttpContext http, string name)
    {
        if (http.GetTokenPrincipal() is null)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Title = "Unauthorized",
                Detail = "Send a token in the PRIVATE-TOKEN header or as Authorization: Bearer <token>.",
            });
        }

        return FlagName.Validate(name) is { } problem
            ? TypedResults.Problem(new ProblemDetails { Status = StatusCodes.Status400BadRequest, Title = "Invalid flag name", Detail = problem })
            : null;
    }
}
