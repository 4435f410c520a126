using Microsoft.AspNetCore.Mvc;
using Vexil.Server.Auth;

namespace Vexil.Server.Repository;

/// <summary><c>POST /api/v1/repository/fetch</c> (admin): fetches the repository mirror at once, e.g. from a CI job right after a merge.</summary>
public static class RepositoryApi
{
    /// <summary>Maps the endpoint.</summary>
    public static IEndpointRouteBuilder MapRepositoryApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/v1/repository/fetch", FetchAsync)
            .RequireAdminToken()
            .WithTags("Repository")
            .WithSummary("Fetches the repository mirror now and answers with its commits, tags, branches and merge requests.");
        return app;
    }

    private static async Task<IResult> FetchAsync(RepositoryMirror mirror, CancellationToken cancellationToken)
    {
        if (!mirror.IsConfigured)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "No repository configured",
                Detail = $"No repository is configured; set {RepositoryOptions.Section}:Url to the repository's URL or path, then fetch again.",
            });
        }

        try
        {
            var result = await mirror.FetchAsync(cancellationToken);
            return TypedResults.Ok(new
            {
                commits = result.Commits,
                tags = result.Tags,
                branches = result.Branches,
                merge_requests = result.MergeRequests,
                fetched_at = result.FetchedAt,
                elapsed_ms = (long)result.Elapsed.TotalMilliseconds,
            });
        }
        catch (GitException exception)
        {
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status502BadGateway,
                Title = "Fetch failed",
                Detail = $"{exception.Message} Check {RepositoryOptions.Section}:Url and the server's access to it; the previous mirror stays in use.",
            });
        }
    }
}
